WITH inserted AS (
    INSERT INTO orleans_membership_version (deployment_id, stamp, version)
    VALUES (@DeploymentId, now(), 0)
    ON CONFLICT DO NOTHING
    RETURNING 1
)
SELECT count(*)::int FROM inserted
