WITH deleted AS (
    DELETE FROM orleans_storage
     WHERE service_id = @ServiceId
       AND grain_type = @GrainTypeString
       AND grain_id_ext = COALESCE(@GrainIdExtensionString, '')
       AND grain_id_n0 = @GrainIdN0
       AND grain_id_n1 = @GrainIdN1
       AND version = @GrainStateVersion::int
       AND @GrainTypeString <> 'application'
    RETURNING version
)
SELECT COALESCE((SELECT version + 1 FROM deleted), @GrainStateVersion::int) AS "NewGrainStateVersion"
