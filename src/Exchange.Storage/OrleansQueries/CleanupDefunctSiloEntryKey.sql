-- One dead incarnation (status 6 = Dead).
DELETE FROM orleans_membership
 WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
   AND status = 6
