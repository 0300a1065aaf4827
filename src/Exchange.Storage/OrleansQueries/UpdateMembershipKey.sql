WITH bumped AS (
    UPDATE orleans_membership_version
       SET version = version + 1, stamp = now()
     WHERE deployment_id = @DeploymentId AND version = @Version
    RETURNING 1
), updated AS (
    UPDATE orleans_membership
       SET status = @Status, suspect_times = @SuspectTimes, iamalive_time = @IAmAliveTime
     WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
       AND EXISTS (SELECT 1 FROM bumped)
    RETURNING 1
)
SELECT count(*)::int FROM updated
