-- Insert the silo row and bump the table version only if it still equals @Version (the etag).
WITH bumped AS (
    UPDATE orleans_membership_version
       SET version = version + 1, stamp = now()
     WHERE deployment_id = @DeploymentId AND version = @Version
    RETURNING 1
), inserted AS (
    INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name, status,
                                    proxy_port, start_time, iamalive_time)
    SELECT @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort,
           @StartTime, @IAmAliveTime
    FROM bumped
    ON CONFLICT DO NOTHING
    RETURNING 1
)
SELECT count(*)::int FROM inserted
