WITH members AS (
    DELETE FROM orleans_membership WHERE deployment_id = @DeploymentId RETURNING 1
)
DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId
