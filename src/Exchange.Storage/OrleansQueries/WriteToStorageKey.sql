-- The state of a grain kept in Orleans' storage (batch rulings; applications have their own store,
-- migration 0100). Version rule: insert when @GrainStateVersion is null and no row exists;
-- otherwise update only when the stored version equals it. Always returns one row: the new
-- version, or the unchanged one (null for a failed insert) so the provider raises its
-- inconsistent-state error.
WITH inserted AS (
    INSERT INTO orleans_storage (service_id, grain_type, grain_id_ext, grain_id_n0, grain_id_n1,
                                 grain_id_hash, grain_type_hash, payload, modified_on, version)
    SELECT @ServiceId, @GrainTypeString, COALESCE(@GrainIdExtensionString, ''), @GrainIdN0, @GrainIdN1,
           @GrainIdHash, @GrainTypeHash, @PayloadBinary, now(), 1
    WHERE @GrainStateVersion::int IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version
), updated AS (
    UPDATE orleans_storage
       SET payload = @PayloadBinary, modified_on = now(), version = version + 1
     WHERE @GrainStateVersion::int IS NOT NULL
       AND service_id = @ServiceId
       AND grain_type = @GrainTypeString
       AND grain_id_ext = COALESCE(@GrainIdExtensionString, '')
       AND grain_id_n0 = @GrainIdN0
       AND grain_id_n1 = @GrainIdN1
       AND version = @GrainStateVersion::int
    RETURNING version
)
SELECT COALESCE((SELECT version FROM inserted), (SELECT version FROM updated), @GrainStateVersion::int) AS "NewGrainStateVersion"
