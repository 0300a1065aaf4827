SELECT payload AS "PayloadBinary", modified_on AS "ModifiedOn", version AS "Version"
FROM orleans_storage
WHERE service_id = @ServiceId
  AND grain_type = @GrainTypeString
  AND grain_id_ext = COALESCE(@GrainIdExtensionString, '')
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
