-- Rows of silo incarnations not alive since @IAmAliveTime, except active ones (status 3 = Active).
DELETE FROM orleans_membership
 WHERE deployment_id = @DeploymentId AND iamalive_time < @IAmAliveTime AND status <> 3
