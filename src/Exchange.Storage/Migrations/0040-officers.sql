-- Officer accounts of the court console (/console): a court's judges and clerks sign in with a
-- password, and every act they perform there names them. Created by the operators
-- (AdminService.AddOfficer); never deleted (acts name them), only disabled.
CREATE TABLE IF NOT EXISTS exchange_officers (
    court_code      text        NOT NULL,
    -- What the officer signs in with and what the record shows as the actor's name, e.g. 王法官.
    name            text        NOT NULL,
    role            text        NOT NULL CHECK (role IN ('judge', 'clerk')),
    -- ASP.NET Core Identity's PasswordHasher format (v3: PBKDF2-HMAC-SHA512, salted, iterated).
    password_hash   text        NOT NULL,
    -- Failed sign-ins since the last success; at the limit the account locks until locked_until.
    failed_sign_ins integer     NOT NULL DEFAULT 0,
    locked_until    timestamptz NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    disabled_at     timestamptz NULL,
    -- Bumped by a password reset or a disabling: a console session of an older stamp is refused.
    security_stamp  uuid        NOT NULL,
    PRIMARY KEY (court_code, name)
);
