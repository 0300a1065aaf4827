-- Application state is legal record and is never cleared by the hub; the query exists for the
-- provider's contract (and for any other grain type stored here).
WITH updated AS (
    UPDATE orleans_storage
       SET payload = NULL, modified_on = now(), version = version + 1
     WHERE service_id = @ServiceId
       AND grain_type = @GrainTypeString
       AND grain_id_ext = COALESCE(@GrainIdExtensionString, '')
       AND grain_id_n0 = @GrainIdN0
       AND grain_id_n1 = @GrainIdN1
       AND version = @GrainStateVersion::int
       AND @GrainTypeString <> 'application'
    RETURNING version
)
SELECT COALESCE((SELECT version FROM updated), @GrainStateVersion::int) AS "NewGrainStateVersion"
