-- A court's policy beyond the types it accepts (admin.proto Court; DOMAIN.md §6 as amended by
-- 法〔2018〕335号): its specialised-trial code, its case-type codes, and who gives its case numbers.
-- The defaults keep every court as it was: no specialised-trial code, the usual type codes (民特,
-- 民初), numbered by the hub. Safe to run again.
ALTER TABLE exchange_courts
    -- One Chinese character between court code and type code, or '' for none.
    ADD COLUMN IF NOT EXISTS specialised_trial_code text  NOT NULL DEFAULT '',
    -- {"JUDICIAL_CONFIRMATION": "民特", ...}: proto type names to codes; a type not listed takes the
    -- usual code (CaseNumbers.UsualTypeCode).
    ADD COLUMN IF NOT EXISTS case_type_codes        jsonb NOT NULL DEFAULT '{}',
    -- HUB: the hub's gapless sequence (exchange_take_case_number); COURT: the accepting act carries
    -- the number the court's own system issued.
    ADD COLUMN IF NOT EXISTS case_numbering         text  NOT NULL DEFAULT 'HUB' CHECK (case_numbering IN ('HUB', 'COURT'));
