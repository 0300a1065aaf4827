-- The database a hub of commit ff8d44f created and wrote (made by
-- Fixtures/make-previous-commit-db.sh on 2026-12-05T19:07:54Z: that version's run.sh and ./exchange; no row by hand).
-- Never edited: MigrationTests start this build's silo on it. The keys the hub issued (it keeps only hashes):
-- key platform tianshan-mediation exk_lMZ6bCWK5XEoXYt2NTsfdQf5irnbMUjzsJZnaioNEWo
-- key platform kashi-mediation exk_wP3f2i0wEbv8OS95LN5kbWnXEcBY6bWqPsWjr-A_yFs
-- key court 新0102 exk_dwnmLjGhHHEfNExRpVE_Fh5974fzYHdmRclhUecpx8o
--
-- PostgreSQL database dump
--

\restrict TByj3MW6iOiiYJa3fkZtFehyAffbcbnAulbGEj19FRh7iFEg4QgYdrNORc1S61p

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: exchange_notify_credentials_changed(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.exchange_notify_credentials_changed() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    PERFORM pg_notify('exchange_credentials_changed', '');
    RETURN NULL;
END
$$;


--
-- Name: exchange_take_case_number(text, text, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.exchange_take_case_number(p_court_code text, p_case_type_code text, p_case_year integer) RETURNS bigint
    LANGUAGE sql
    AS $$
    INSERT INTO exchange_case_sequences AS s (court_code, case_type_code, case_year, last_sequence)
    VALUES (p_court_code, p_case_type_code, p_case_year, 1)
    ON CONFLICT (court_code, case_type_code, case_year) DO UPDATE SET last_sequence = s.last_sequence + 1
    RETURNING last_sequence
$$;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: exchange_admin_bootstrap; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.exchange_admin_bootstrap (
    singleton boolean DEFAULT true NOT NULL,
    key_prefix text NOT NULL,
    peer text NOT NULL,
    bootstrapped_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT exchange_admin_bootstrap_singleton_check CHECK (singleton)
);


--
-- Name: exchange_admin_events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.exchange_admin_events (
    event_id bigint NOT NULL,
    occurred_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    actor_id text NOT NULL,
    actor_key_prefix text NOT NULL,
    action text NOT NULL,
    subject_kind text NOT NULL,
    subject_id text NOT NULL,
    details jsonb DEFAULT '{}'::jsonb NOT NULL
);


--
-- Name: exchange_admin_events_event_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.exchange_admin_events ALTER COLUMN event_id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.exchange_admin_events_event_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: exchange_admin_requests; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.exchange_admin_requests (
    request_hash bytea NOT NULL,
    method text NOT NULL,
    fingerprint bytea NOT NULL,
    answer bytea NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: exchange_applications; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.exchange_applications (
    application_id uuid NOT NULL,
    platform_id text NOT NULL,
    platform_case_id text NOT NULL,
    application_type text NOT NULL,
    court_code text NOT NULL,
    status text NOT NULL,
    received_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    version integer NOT NULL,
    payload_sha256 text NOT NULL,
    withdrawal_requested_at timestamp with time zone,
    case_year integer,
    case_type_code text,
    case_sequence bigint,
    accepted_at timestamp with time zone,
    ruled_at timestamp with time zone,
    next_deadline_at timestamp with time zone,
    next_deadline_kind text,
    watch_at timestamp with time zone
);


--
-- Name: exchange_attachment_contents; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.exchange_attachment_contents (
    sha256 bytea NOT NULL,
    size_bytes integer NOT NULL,
    content bytea NOT NULL,
    stored_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: exchange_case_sequences; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.exchange_case_sequences (
    court_code text NOT NULL,
    case_type_code text NOT NULL,
    case_year integer NOT NULL,
    last_sequence bigint NOT NULL
);


--
-- Name: exchange_credentials; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.exchange_credentials (
    key_hash bytea NOT NULL,
    key_prefix text NOT NULL,
    principal_kind text NOT NULL,
    principal_id text NOT NULL,
    display_name text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    revoked_at timestamp with time zone,
    CONSTRAINT exchange_credentials_principal_kind_check CHECK ((principal_kind = ANY (ARRAY['platform'::text, 'court'::text, 'admin'::text])))
);


--
-- Name: exchange_events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.exchange_events (
    application_id uuid NOT NULL,
    seq integer NOT NULL,
    feed_position bigint NOT NULL,
    occurred_at timestamp with time zone NOT NULL,
    kind text NOT NULL,
    actor_kind text NOT NULL,
    actor_id text NOT NULL,
    actor_name text,
    reason text,
    status_after text NOT NULL,
    details jsonb
);


--
-- Name: exchange_events_feed_position_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.exchange_events ALTER COLUMN feed_position ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.exchange_events_feed_position_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: exchange_platforms; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.exchange_platforms (
    platform_id text NOT NULL,
    display_name text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    revoked_at timestamp with time zone
);


--
-- Name: orleans_membership; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.orleans_membership (
    deployment_id text NOT NULL,
    address text NOT NULL,
    port integer NOT NULL,
    generation integer NOT NULL,
    silo_name text NOT NULL,
    host_name text NOT NULL,
    status integer NOT NULL,
    proxy_port integer,
    suspect_times text,
    start_time timestamp with time zone NOT NULL,
    iamalive_time timestamp with time zone NOT NULL
);


--
-- Name: orleans_membership_version; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.orleans_membership_version (
    deployment_id text NOT NULL,
    stamp timestamp with time zone NOT NULL,
    version integer NOT NULL
);


--
-- Name: orleans_reminders; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.orleans_reminders (
    service_id text NOT NULL,
    grain_id text NOT NULL,
    reminder_name text NOT NULL,
    start_time timestamp with time zone NOT NULL,
    period bigint NOT NULL,
    grain_hash integer NOT NULL,
    version integer NOT NULL
);


--
-- Name: orleans_storage; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.orleans_storage (
    service_id text NOT NULL,
    grain_type text NOT NULL,
    grain_id_ext text NOT NULL,
    grain_id_n0 bigint NOT NULL,
    grain_id_n1 bigint NOT NULL,
    grain_id_hash integer NOT NULL,
    grain_type_hash integer NOT NULL,
    payload bytea,
    modified_on timestamp with time zone NOT NULL,
    version integer NOT NULL
);


--
-- Name: orleansquery; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.orleansquery (
    querykey character varying(64) NOT NULL,
    querytext text NOT NULL
);


--
-- Data for Name: exchange_admin_bootstrap; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.exchange_admin_bootstrap (singleton, key_prefix, peer, bootstrapped_at) VALUES (true, 'exk_S4lR6OZc', 'gateway start (Exchange:Admin:BootstrapKeyFile)', '2026-12-05 19:07:15.047368+00');


--
-- Data for Name: exchange_admin_events; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.exchange_admin_events (event_id, occurred_at, actor_id, actor_key_prefix, action, subject_kind, subject_id, details) OVERRIDING SYSTEM VALUE VALUES (1, '2026-12-05 19:07:15.169437+00', 'bootstrap', 'exk_S4lR6OZc', 'admin.bootstrapped', 'admin', 'bootstrap', '{"peer": "gateway start (Exchange:Admin:BootstrapKeyFile)", "key_prefix": "exk_S4lR6OZc"}');


--
-- Data for Name: exchange_admin_requests; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: exchange_applications; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.exchange_applications (application_id, platform_id, platform_case_id, application_type, court_code, status, received_at, updated_at, version, payload_sha256, withdrawal_requested_at, case_year, case_type_code, case_sequence, accepted_at, ruled_at, next_deadline_at, next_deadline_kind, watch_at) VALUES ('01a2479a-c98e-7951-b19c-d462c19f6f84', 'kashi-mediation', 'TSXF-2026-MD-0015-P3', 'MediationDocument', '新0102', 'Received', '2026-12-05 19:07:36.216735+00', '2026-12-05 19:07:36.216735+00', 1, 'e7fe08da2a4c8fda053baa8ea75e65ed84ffecac8c05008241ed241568095cad', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.exchange_applications (application_id, platform_id, platform_case_id, application_type, court_code, status, received_at, updated_at, version, payload_sha256, withdrawal_requested_at, case_year, case_type_code, case_sequence, accepted_at, ruled_at, next_deadline_at, next_deadline_kind, watch_at) VALUES ('01a2479a-de02-76d3-a1ac-26b1744aadeb', 'tianshan-mediation', 'TSXF-2026-MD-0015-P4', 'MediationDocument', '新0102', 'Received', '2026-12-05 19:07:41.458188+00', '2026-12-05 19:07:41.458188+00', 1, 'e978e1b234c36f6540ee576b586a7c4a896a063615fc1147fc7e4547578f1bb6', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.exchange_applications (application_id, platform_id, platform_case_id, application_type, court_code, status, received_at, updated_at, version, payload_sha256, withdrawal_requested_at, case_year, case_type_code, case_sequence, accepted_at, ruled_at, next_deadline_at, next_deadline_kind, watch_at) VALUES ('01a2479a-e56c-7152-9ee5-1170ecbbf322', 'tianshan-mediation', 'TSXF-2026-JC-0018-P5', 'JudicialConfirmation', '新0102', 'Received', '2026-12-05 19:07:43.376559+00', '2026-12-05 19:07:43.376559+00', 1, '40ee0baa7c387825c2d731dee8cad2c1436bc4f1dc2cb8a05376faa10df0a257', NULL, NULL, NULL, NULL, NULL, NULL, '2026-12-09 16:00:00+00', 'AcceptanceDecision', '2026-12-09 16:00:00+00');
INSERT INTO public.exchange_applications (application_id, platform_id, platform_case_id, application_type, court_code, status, received_at, updated_at, version, payload_sha256, withdrawal_requested_at, case_year, case_type_code, case_sequence, accepted_at, ruled_at, next_deadline_at, next_deadline_kind, watch_at) VALUES ('01a2479a-ec76-7718-8cd2-d72d2e0e375c', 'tianshan-mediation', 'TSXF-2026-MD-0015-P5', 'MediationDocument', '新0102', 'Received', '2026-12-05 19:07:45.158458+00', '2026-12-05 19:07:45.158458+00', 1, '5330cc650ef8d5bfbe1576c97c866fd298700c92ce28c4283eb2ec8489f8221e', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.exchange_applications (application_id, platform_id, platform_case_id, application_type, court_code, status, received_at, updated_at, version, payload_sha256, withdrawal_requested_at, case_year, case_type_code, case_sequence, accepted_at, ruled_at, next_deadline_at, next_deadline_kind, watch_at) VALUES ('01a2479a-f1bc-7dca-be84-55a5323019cb', 'kashi-mediation', 'TSXF-2026-JC-0018-P6', 'JudicialConfirmation', '新0102', 'Received', '2026-12-05 19:07:46.495938+00', '2026-12-05 19:07:46.495938+00', 1, 'fc0a233a20cf09e0eb9dcd9c5627e742c3d64295142dfce3743706e6250095c2', NULL, NULL, NULL, NULL, NULL, NULL, '2026-12-09 16:00:00+00', 'AcceptanceDecision', '2026-12-09 16:00:00+00');
INSERT INTO public.exchange_applications (application_id, platform_id, platform_case_id, application_type, court_code, status, received_at, updated_at, version, payload_sha256, withdrawal_requested_at, case_year, case_type_code, case_sequence, accepted_at, ruled_at, next_deadline_at, next_deadline_kind, watch_at) VALUES ('01a2479a-f5a0-736f-bf0d-9ca9125bac53', 'kashi-mediation', 'TSXF-2026-MD-0015-P6', 'MediationDocument', '新0102', 'Received', '2026-12-05 19:07:47.489754+00', '2026-12-05 19:07:47.489754+00', 1, 'b15b426071e69201fa1096bf0a3f54ddb1eee4b912b326f81c8fe3ad4442c4d0', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.exchange_applications (application_id, platform_id, platform_case_id, application_type, court_code, status, received_at, updated_at, version, payload_sha256, withdrawal_requested_at, case_year, case_type_code, case_sequence, accepted_at, ruled_at, next_deadline_at, next_deadline_kind, watch_at) VALUES ('01a2479a-9592-7aaa-a6e2-5bba0ba7789b', 'tianshan-mediation', 'TSXF-2026-JC-0018-P1', 'JudicialConfirmation', '新0102', 'Confirmed', '2026-12-05 19:07:23.37939+00', '2026-12-05 19:07:50.329445+00', 4, 'ae10300dafcedd150ec2a7e48fa70bad7d93eb270397bdfc3acce6e15de695d2', NULL, 2026, '民特', 1, '2026-12-05 19:07:48.102229+00', '2026-12-05 19:07:50.329445+00', NULL, NULL, NULL);
INSERT INTO public.exchange_applications (application_id, platform_id, platform_case_id, application_type, court_code, status, received_at, updated_at, version, payload_sha256, withdrawal_requested_at, case_year, case_type_code, case_sequence, accepted_at, ruled_at, next_deadline_at, next_deadline_kind, watch_at) VALUES ('01a2479a-ac06-777a-8d31-232508f94ae2', 'tianshan-mediation', 'TSXF-2026-MD-0015-P1', 'MediationDocument', '新0102', 'UnderReview', '2026-12-05 19:07:28.662494+00', '2026-12-05 19:07:51.749579+00', 3, 'cf6b46bb3972ff96bab83ca46fcace526c1aba1e6f784b080faecd0ba31755dc', NULL, 2026, '民初', 1, '2026-12-05 19:07:51.074721+00', NULL, NULL, NULL, NULL);
INSERT INTO public.exchange_applications (application_id, platform_id, platform_case_id, application_type, court_code, status, received_at, updated_at, version, payload_sha256, withdrawal_requested_at, case_year, case_type_code, case_sequence, accepted_at, ruled_at, next_deadline_at, next_deadline_kind, watch_at) VALUES ('01a2479a-b45c-7d12-bbc4-31118238749e', 'tianshan-mediation', 'TSXF-2026-JC-0018-P2', 'JudicialConfirmation', '新0102', 'UnderReview', '2026-12-05 19:07:30.782881+00', '2026-12-05 19:07:52.792126+00', 3, '5c0d8f26b8f6a78069ecd57af12ecb6010cb865f43b2a49f3081aa916c178443', NULL, 2026, '民特', 2, '2026-12-05 19:07:52.313933+00', NULL, '2026-12-21 16:00:00+00', 'Review', '2026-12-21 16:00:00+00');
INSERT INTO public.exchange_applications (application_id, platform_id, platform_case_id, application_type, court_code, status, received_at, updated_at, version, payload_sha256, withdrawal_requested_at, case_year, case_type_code, case_sequence, accepted_at, ruled_at, next_deadline_at, next_deadline_kind, watch_at) VALUES ('01a2479a-baef-730a-9213-0a9ef041df85', 'tianshan-mediation', 'TSXF-2026-MD-0015-P2', 'MediationDocument', '新0102', 'CaseRegistered', '2026-12-05 19:07:32.465635+00', '2026-12-05 19:07:53.21953+00', 2, '0699ec3f4168cfa60f9bc2f6228fc6b64ba9a64cccfbb1cbae056bbf7060d750', NULL, 2026, '民初', 2, '2026-12-05 19:07:53.21953+00', NULL, NULL, NULL, NULL);
INSERT INTO public.exchange_applications (application_id, platform_id, platform_case_id, application_type, court_code, status, received_at, updated_at, version, payload_sha256, withdrawal_requested_at, case_year, case_type_code, case_sequence, accepted_at, ruled_at, next_deadline_at, next_deadline_kind, watch_at) VALUES ('01a2479a-c141-7d24-b9d4-a156875d43d5', 'kashi-mediation', 'TSXF-2026-JC-0018-P3', 'JudicialConfirmation', '新0102', 'NotAccepted', '2026-12-05 19:07:34.083499+00', '2026-12-05 19:07:53.775197+00', 2, 'f231f56351bbd98d94bc2fa732eac613d35e18c04d6eeb4a3c2973f6ecfa0bd0', NULL, NULL, NULL, NULL, NULL, '2026-12-05 19:07:53.775197+00', NULL, NULL, NULL);
INSERT INTO public.exchange_applications (application_id, platform_id, platform_case_id, application_type, court_code, status, received_at, updated_at, version, payload_sha256, withdrawal_requested_at, case_year, case_type_code, case_sequence, accepted_at, ruled_at, next_deadline_at, next_deadline_kind, watch_at) VALUES ('01a2479a-d3d5-77fb-8971-3670e3b6ac11', 'tianshan-mediation', 'TSXF-2026-JC-0018-P4', 'JudicialConfirmation', '新0102', 'Received', '2026-12-05 19:07:38.838407+00', '2026-12-05 19:07:54.458549+00', 2, '827d60e1abf6594ed350c4ad0b87726c676439c9d7bee7b63c4e117d8a1cabf8', '2026-12-05 19:07:54.458549+00', NULL, NULL, NULL, NULL, NULL, '2026-12-09 16:00:00+00', 'AcceptanceDecision', '2026-12-09 16:00:00+00');


--
-- Data for Name: exchange_attachment_contents; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.exchange_attachment_contents (sha256, size_bytes, content, stored_at) VALUES ('\xacdefe33d4d47b97d8c82988000cdc9ccaa364e1c2df0ef0082a09d0d3ffe842', 718, '\xe4babae6b091e8b083e8a7a3e58d8fe8aeaee4b9a60ae7bc96e58fb7efbc9ae5a4a9e5b9b8e8b083e3809432303236e38095e7acac303138e58fb70ae5bd93e4ba8be4babae794b2e696b9efbc9ae69d8ee7a780e585b0efbc8ce5a5b3efbc8c31393439e5b9b43132e69c883331e697a5e7949fefbc8ce4bd8fe696b0e79686e7bbb4e590bee5b094e887aae6b2bbe58cbae4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5928ce5b9b3e58d97e8b7af3838e58fb733e6a08b32e58d95e58583353031e5aea4e380820ae5bd93e4ba8be4babae4b999e696b9efbc9ae4b98ce9b281e69ca8e9bd90e5a4a9e5b1b1e68192e6b3b0e59586e8b4b8e69c89e99990e585ace58fb8efbc8ce7bb9fe4b880e7a4bee4bc9ae4bfa1e794a8e4bba3e7a08139313635303130324d4137584b3351483148efbc8ce6b395e5ae9ae4bba3e8a1a8e4babae78e8be5bf97e5889ae380820ae7baa0e7bab7e4ba8be5ae9eefbc9ae4b999e696b9e59091e794b2e696b9e98787e8b4ade6898be5b7a5e59cb0e6afafefbc8ce5b09ae6aca0e8b4a7e6acbee4babae6b091e5b881e5a3b9e4b887e8b4b0e4bb9fe4bc8de4bdb0e58583e695b4e69caae4bb98efbc8ce58f8ce696b9e59ba0e6ada4e58f91e7949fe7baa0e7bab7e380820ae7bb8fe69cace5a794e59198e4bc9ae8b083e8a7a3efbc8ce58f8ce696b9e887aae684bfe8bebee68890e5a682e4b88be58d8fe8aeaeefbc9ae4b999e696b9e887aae69cace58d8fe8aeaee7949fe69588e4b98be697a5e8b5b7e4b889e58d81e697a5e58685e59091e794b2e696b9e4b880e6aca1e680a7e694afe4bb98e6aca0e6acbee4babae6b091e5b881e5a3b9e4b887e8b4b0e4bb9fe4bc8de4bdb0e58583e695b4efbc88c2a531322c3530302e3030efbc89e380820ae58f8ce696b9e5908ce6848fe585b1e5908ce59091e4babae6b091e6b395e999a2e794b3e8afb7e58fb8e6b395e7a1aee8aea4e380820a', '2026-12-05 19:07:23.565312+00');
INSERT INTO public.exchange_attachment_contents (sha256, size_bytes, content, stored_at) VALUES ('\xf025a8477b1a0fb3e20732fd205b6a991eb1a22680affcfb015a62e5b76607c6', 289, '\xe8b083e8a7a3e68385e586b5e8af81e6988e0ae4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5b9b8e7a68fe8b7afe8a197e98193e4babae6b091e8b083e8a7a3e5a794e59198e4bc9ae58f97e79086e69d8ee7a780e585b0e4b88ee4b98ce9b281e69ca8e9bd90e5a4a9e5b1b1e68192e6b3b0e59586e8b4b8e69c89e99990e585ace58fb8e6aca0e6acbee7baa0e7bab7e4b880e6a188efbc8ce794b1e8b083e8a7a3e59198e9a9ace4b8bde5a89ce4b8bbe68c81e8b083e8a7a3efbc8ce58f8ce696b9e5bd93e4ba8be4babae887aae684bfe8bebee68890e8b083e8a7a3e58d8fe8aeaeefbc88e5a4a9e5b9b8e8b083e3809432303236e38095e7acac303138e58fb7efbc89e380820ae789b9e6ada4e8af81e6988ee380820a', '2026-12-05 19:07:23.565312+00');
INSERT INTO public.exchange_attachment_contents (sha256, size_bytes, content, stored_at) VALUES ('\xa4aa555a20f3656038f07e15000c7222d5383ecb3d63b07549614bb9f53defe8', 317, '\xe8b083e8a7a3e58d8fe8aeaee4b9a60ae7bc96e58fb7efbc9ae5a4a9e5b9b8e8b083e3809432303236e38095e7acac303135e58fb70ae5bd93e4ba8be4babae794b2e696b9efbc9ae69d8ee7a780e585b0e38082e5bd93e4ba8be4babae4b999e696b9efbc9ae4b98ce9b281e69ca8e9bd90e5a4a9e5b1b1e68192e6b3b0e59586e8b4b8e69c89e99990e585ace58fb8e380820ae7bb8fe8b083e8a7a3efbc8ce58f8ce696b9e887aae684bfe8bebee68890e5a682e4b88be58d8fe8aeaeefbc9ae4b999e696b9e4ba8e32303236e5b9b43131e69c883330e697a5e5898de59091e794b2e696b9e8bf94e8bf98e5809fe6acbee4babae6b091e5b881e68d8ce4bb9fe99986e4bdb0e58583e695b4efbc88c2a5382c3630302e3030efbc89efbc8ce794b2e696b9e694bee5bc83e588a9e681afe8afb7e6b182e380820a', '2026-12-05 19:07:28.667246+00');


--
-- Data for Name: exchange_case_sequences; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.exchange_case_sequences (court_code, case_type_code, case_year, last_sequence) VALUES ('新0102', '民特', 2026, 2);
INSERT INTO public.exchange_case_sequences (court_code, case_type_code, case_year, last_sequence) VALUES ('新0102', '民初', 2026, 2);


--
-- Data for Name: exchange_credentials; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.exchange_credentials (key_hash, key_prefix, principal_kind, principal_id, display_name, created_at, revoked_at) VALUES ('\x133bcfbb7a826ff1fda88f73e0fb6d2c371d7ffb9589f2887c4a188a0a128693', 'exk_S4lR6OZc', 'admin', 'bootstrap', 'hub operators', '2026-12-05 19:07:15.047368+00', NULL);
INSERT INTO public.exchange_credentials (key_hash, key_prefix, principal_kind, principal_id, display_name, created_at, revoked_at) VALUES ('\x18bba690792a4d12999e2b0f05eaba98c7e8b3ce1429d509481f6a3a2303f958', 'exk_lMZ6bCWK', 'platform', 'tianshan-mediation', '天山调解平台', '2026-12-05 19:07:16.878408+00', NULL);
INSERT INTO public.exchange_credentials (key_hash, key_prefix, principal_kind, principal_id, display_name, created_at, revoked_at) VALUES ('\xcd31aa9a25742b688fc2d9f220c1b09ca95494dcbaee66059ef91a2e982b9e09', 'exk_wP3f2i0w', 'platform', 'kashi-mediation', '喀什调解平台', '2026-12-05 19:07:18.801165+00', NULL);
INSERT INTO public.exchange_credentials (key_hash, key_prefix, principal_kind, principal_id, display_name, created_at, revoked_at) VALUES ('\x6c3d6ec1d8097519dd91ff47c74c3ff1bedb239c0dfc13ba47d33aa4a862c61a', 'exk_dwnmLjGh', 'court', '新0102', '新0102 clerk office', '2026-12-05 19:07:19.592215+00', NULL);
INSERT INTO public.exchange_credentials (key_hash, key_prefix, principal_kind, principal_id, display_name, created_at, revoked_at) VALUES ('\xf8c789d960498105cf5e5fdd2aa3ed7569b21fa501f034fa1cf2665b169c826b', 'exk_FedMTMDs', 'court', '新0102', '立案庭备用', '2026-12-05 19:07:20.496357+00', '2026-12-05 19:07:21.223001+00');


--
-- Data for Name: exchange_events; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.exchange_events (application_id, seq, feed_position, occurred_at, kind, actor_kind, actor_id, actor_name, reason, status_after, details) OVERRIDING SYSTEM VALUE VALUES ('01a2479a-9592-7aaa-a6e2-5bba0ba7789b', 1, 1, '2026-12-05 19:07:23.37939+00', 'SUBMITTED', 'Platform', 'tianshan-mediation', NULL, NULL, 'Received', '{"court_code": "新0102", "payload_sha256": "ae10300dafcedd150ec2a7e48fa70bad7d93eb270397bdfc3acce6e15de695d2"}');
INSERT INTO public.exchange_events (application_id, seq, feed_position, occurred_at, kind, actor_kind, actor_id, actor_name, reason, status_after, details) OVERRIDING SYSTEM VALUE VALUES ('01a2479a-ac06-777a-8d31-232508f94ae2', 1, 2, '2026-12-05 19:07:28.662494+00', 'SUBMITTED', 'Platform', 'tianshan-mediation', NULL, NULL, 'Received', '{"court_code": "新0102", "payload_sha256": "cf6b46bb3972ff96bab83ca46fcace526c1aba1e6f784b080faecd0ba31755dc"}');
INSERT INTO public.exchange_events (application_id, seq, feed_position, occurred_at, kind, actor_kind, actor_id, actor_name, reason, status_after, details) OVERRIDING SYSTEM VALUE VALUES ('01a2479a-b45c-7d12-bbc4-31118238749e', 1, 3, '2026-12-05 19:07:30.782881+00', 'SUBMITTED', 'Platform', 'tianshan-mediation', NULL, NULL, 'Received', '{"court_code": "新0102", "payload_sha256": "5c0d8f26b8f6a78069ecd57af12ecb6010cb865f43b2a49f3081aa916c178443"}');
INSERT INTO public.exchange_events (application_id, seq, feed_position, occurred_at, kind, actor_kind, actor_id, actor_name, reason, status_after, details) OVERRIDING SYSTEM VALUE VALUES ('01a2479a-baef-730a-9213-0a9ef041df85', 1, 4, '2026-12-05 19:07:32.465635+00', 'SUBMITTED', 'Platform', 'tianshan-mediation', NULL, NULL, 'Received', '{"court_code": "新0102", "payload_sha256": "0699ec3f4168cfa60f9bc2f6228fc6b64ba9a64cccfbb1cbae056bbf7060d750"}');
INSERT INTO public.exchange_events (application_id, seq, feed_position, occurred_at, kind, actor_kind, actor_id, actor_name, reason, status_after, details) OVERRIDING SYSTEM VALUE VALUES ('01a2479a-c141-7d24-b9d4-a156875d43d5', 1, 5, '2026-12-05 19:07:34.083499+00', 'SUBMITTED', 'Platform', 'kashi-mediation', NULL, NULL, 'Received', '{"court_code": "新0102", "payload_sha256": "f231f56351bbd98d94bc2fa732eac613d35e18c04d6eeb4a3c2973f6ecfa0bd0"}');
INSERT INTO public.exchange_events (application_id, seq, feed_position, occurred_at, kind, actor_kind, actor_id, actor_name, reason, status_after, details) OVERRIDING SYSTEM VALUE VALUES ('01a2479a-c98e-7951-b19c-d462c19f6f84', 1, 6, '2026-12-05 19:07:36.216735+00', 'SUBMITTED', 'Platform', 'kashi-mediation', NULL, NULL, 'Received', '{"court_code": "新0102", "payload_sha256": "e7fe08da2a4c8fda053baa8ea75e65ed84ffecac8c05008241ed241568095cad"}');
INSERT INTO public.exchange_events (application_id, seq, feed_position, occurred_at, kind, actor_kind, actor_id, actor_name, reason, status_after, details) OVERRIDING SYSTEM VALUE VALUES ('01a2479a-d3d5-77fb-8971-3670e3b6ac11', 1, 7, '2026-12-05 19:07:38.838407+00', 'SUBMITTED', 'Platform', 'tianshan-mediation', NULL, NULL, 'Received', '{"court_code": "新0102", "payload_sha256": "827d60e1abf6594ed350c4ad0b87726c676439c9d7bee7b63c4e117d8a1cabf8"}');
INSERT INTO public.exchange_events (application_id, seq, feed_position, occurred_at, kind, actor_kind, actor_id, actor_name, reason, status_after, details) OVERRIDING SYSTEM VALUE VALUES ('01a2479a-de02-76d3-a1ac-26b1744aadeb', 1, 8, '2026-12-05 19:07:41.458188+00', 'SUBMITTED', 'Platform', 'tianshan-mediation', NULL, NULL, 'Received', '{"court_code": "新0102", "payload_sha256": "e978e1b234c36f6540ee576b586a7c4a896a063615fc1147fc7e4547578f1bb6"}');
INSERT INTO public.exchange_events (application_id, seq, feed_position, occurred_at, kind, actor_kind, actor_id, actor_name, reason, status_after, details) OVERRIDING SYSTEM VALUE VALUES ('01a2479a-e56c-7152-9ee5-1170ecbbf322', 1, 9, '2026-12-05 19:07:43.376559+00', 'SUBMITTED', 'Platform', 'tianshan-mediation', NULL, NULL, 'Received', '{"court_code": "新0102", "payload_sha256": "40ee0baa7c387825c2d731dee8cad2c1436bc4f1dc2cb8a05376faa10df0a257"}');
INSERT INTO public.exchange_events (application_id, seq, feed_position, occurred_at, kind, actor_kind, actor_id, actor_name, reason, status_after, details) OVERRIDING SYSTEM VALUE VALUES ('01a2479a-ec76-7718-8cd2-d72d2e0e375c', 1, 10, '2026-12-05 19:07:45.158458+00', 'SUBMITTED', 'Platform', 'tianshan-mediation', NULL, NULL, 'Received', '{"court_code": "新0102", "payload_sha256": "5330cc650ef8d5bfbe1576c97c866fd298700c92ce28c4283eb2ec8489f8221e"}');
INSERT INTO public.exchange_events (application_id, seq, feed_position, occurred_at, kind, actor_kind, actor_id, actor_name, reason, status_after, details) OVERRIDING SYSTEM VALUE VALUES ('01a2479a-f1bc-7dca-be84-55a5323019cb', 1, 11, '2026-12-05 19:07:46.495938+00', 'SUBMITTED', 'Platform', 'kashi-mediation', NULL, NULL, 'Received', '{"court_code": "新0102", "payload_sha256": "fc0a233a20cf09e0eb9dcd9c5627e742c3d64295142dfce3743706e6250095c2"}');
INSERT INTO public.exchange_events (application_id, seq, feed_position, occurred_at, kind, actor_kind, actor_id, actor_name, reason, status_after, details) OVERRIDING SYSTEM VALUE VALUES ('01a2479a-f5a0-736f-bf0d-9ca9125bac53', 1, 12, '2026-12-05 19:07:47.489754+00', 'SUBMITTED', 'Platform', 'kashi-mediation', NULL, NULL, 'Received', '{"court_code": "新0102", "payload_sha256": "b15b426071e69201fa1096bf0a3f54ddb1eee4b912b326f81c8fe3ad4442c4d0"}');
INSERT INTO public.exchange_events (application_id, seq, feed_position, occurred_at, kind, actor_kind, actor_id, actor_name, reason, status_after, details) OVERRIDING SYSTEM VALUE VALUES ('01a2479a-9592-7aaa-a6e2-5bba0ba7789b', 2, 13, '2026-12-05 19:07:48.102229+00', 'ACCEPTED', 'Court', '新0102', '李书记员', NULL, 'Accepted', '{"request_id": "cli-857574544fb8432ca89b325bd2a7a74b", "case_number": "（2026）新0102民特1号"}');
INSERT INTO public.exchange_events (application_id, seq, feed_position, occurred_at, kind, actor_kind, actor_id, actor_name, reason, status_after, details) OVERRIDING SYSTEM VALUE VALUES ('01a2479a-9592-7aaa-a6e2-5bba0ba7789b', 3, 14, '2026-12-05 19:07:49.621893+00', 'REVIEW_STARTED', 'Court', '新0102', '新0102 clerk office', NULL, 'UnderReview', '{"request_id": "cli-b5f3528056314167a737610f84d3b8bc"}');
INSERT INTO public.exchange_events (application_id, seq, feed_position, occurred_at, kind, actor_kind, actor_id, actor_name, reason, status_after, details) OVERRIDING SYSTEM VALUE VALUES ('01a2479a-9592-7aaa-a6e2-5bba0ba7789b', 4, 15, '2026-12-05 19:07:50.329445+00', 'CONFIRMED', 'Court', '新0102', '王法官', NULL, 'Confirmed', '{"request_id": "cli-eabd53d668db4879b187df9940361c2f"}');
INSERT INTO public.exchange_events (application_id, seq, feed_position, occurred_at, kind, actor_kind, actor_id, actor_name, reason, status_after, details) OVERRIDING SYSTEM VALUE VALUES ('01a2479a-ac06-777a-8d31-232508f94ae2', 2, 16, '2026-12-05 19:07:51.074721+00', 'CASE_REGISTERED', 'Court', '新0102', '李书记员', NULL, 'CaseRegistered', '{"request_id": "cli-4d5efbf53c594183bdbae220839126ac", "case_number": "（2026）新0102民初1号"}');
INSERT INTO public.exchange_events (application_id, seq, feed_position, occurred_at, kind, actor_kind, actor_id, actor_name, reason, status_after, details) OVERRIDING SYSTEM VALUE VALUES ('01a2479a-ac06-777a-8d31-232508f94ae2', 3, 17, '2026-12-05 19:07:51.749579+00', 'REVIEW_STARTED', 'Court', '新0102', '新0102 clerk office', NULL, 'UnderReview', '{"request_id": "cli-7c11642806a64bb6b6e844b187a86085"}');
INSERT INTO public.exchange_events (application_id, seq, feed_position, occurred_at, kind, actor_kind, actor_id, actor_name, reason, status_after, details) OVERRIDING SYSTEM VALUE VALUES ('01a2479a-b45c-7d12-bbc4-31118238749e', 2, 18, '2026-12-05 19:07:52.313933+00', 'ACCEPTED', 'Court', '新0102', '李书记员', NULL, 'Accepted', '{"request_id": "cli-390a187e29374483af134ada4e8a0235", "case_number": "（2026）新0102民特2号"}');
INSERT INTO public.exchange_events (application_id, seq, feed_position, occurred_at, kind, actor_kind, actor_id, actor_name, reason, status_after, details) OVERRIDING SYSTEM VALUE VALUES ('01a2479a-b45c-7d12-bbc4-31118238749e', 3, 19, '2026-12-05 19:07:52.792126+00', 'REVIEW_STARTED', 'Court', '新0102', '新0102 clerk office', NULL, 'UnderReview', '{"request_id": "cli-0a03b0611fa54d2285856a3093955eb4"}');
INSERT INTO public.exchange_events (application_id, seq, feed_position, occurred_at, kind, actor_kind, actor_id, actor_name, reason, status_after, details) OVERRIDING SYSTEM VALUE VALUES ('01a2479a-baef-730a-9213-0a9ef041df85', 2, 20, '2026-12-05 19:07:53.21953+00', 'CASE_REGISTERED', 'Court', '新0102', '李书记员', NULL, 'CaseRegistered', '{"request_id": "cli-b4d42b9279654690951c6fd2345bb219", "case_number": "（2026）新0102民初2号"}');
INSERT INTO public.exchange_events (application_id, seq, feed_position, occurred_at, kind, actor_kind, actor_id, actor_name, reason, status_after, details) OVERRIDING SYSTEM VALUE VALUES ('01a2479a-c141-7d24-b9d4-a156875d43d5', 2, 21, '2026-12-05 19:07:53.775197+00', 'NOT_ACCEPTED', 'Court', '新0102', '李书记员', '不属于本院管辖', 'NotAccepted', '{"ground": "OUTSIDE_JURISDICTION", "request_id": "cli-f9c62132e0f24c55989aff09211f8ec2"}');
INSERT INTO public.exchange_events (application_id, seq, feed_position, occurred_at, kind, actor_kind, actor_id, actor_name, reason, status_after, details) OVERRIDING SYSTEM VALUE VALUES ('01a2479a-d3d5-77fb-8971-3670e3b6ac11', 2, 22, '2026-12-05 19:07:54.458549+00', 'WITHDRAWAL_REQUESTED', 'Platform', 'tianshan-mediation', '天山调解平台', '当事人自行和解', 'Received', '{"request_id": "c115efd4-66e4-4416-9076-061396a86073"}');


--
-- Data for Name: exchange_platforms; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.exchange_platforms (platform_id, display_name, created_at, revoked_at) VALUES ('tianshan-mediation', '天山调解平台', '2026-12-05 19:07:16.878408+00', NULL);
INSERT INTO public.exchange_platforms (platform_id, display_name, created_at, revoked_at) VALUES ('kashi-mediation', '喀什调解平台', '2026-12-05 19:07:18.801165+00', NULL);


--
-- Data for Name: orleans_membership; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.orleans_membership (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port, suspect_times, start_time, iamalive_time) VALUES ('exchange', '127.0.0.1', 11111, 155502427, 'Silo_506cc', 'vm', 3, 30000, NULL, '2026-12-05 19:07:07.41354+00', '2026-12-05 19:07:39.974415+00');


--
-- Data for Name: orleans_membership_version; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.orleans_membership_version (deployment_id, stamp, version) VALUES ('exchange', '2026-12-05 19:07:09.224961+00', 2);


--
-- Data for Name: orleans_reminders; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.orleans_reminders (service_id, grain_id, reminder_name, start_time, period, grain_hash, version) VALUES ('exchange', 'deadlinewatch/0', 'deadline-watch', '2026-12-05 19:08:09.938966+00', 60000, 2041837280, 0);


--
-- Data for Name: orleans_storage; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.orleans_storage (service_id, grain_type, grain_id_ext, grain_id_n0, grain_id_n1, grain_id_hash, grain_type_hash, payload, modified_on, version) VALUES ('exchange', 'application', '01a2479a-9592-7aaa-a6e2-5bba0ba7789b', 0, 0, -1332235795, 2131742381, '\x7b226170706c69636174696f6e4964223a2230316132343739612d393539322d376161612d613665322d356262613062613737383962222c22706c6174666f726d4964223a227469616e7368616e2d6d6564696174696f6e222c226472616674223a7b2274797065223a20224a7564696369616c436f6e6669726d6174696f6e222c20226661637473223a2022222c2022636c61696d73223a2022222c2022636f6e73656e74223a207b22636f6e73656e7454696d65223a2022323032362d31322d30355431393a30363a32322e303330343130382b30303a3030222c20226f6e6c696e6548616e646c696e67223a20747275652c2022656c656374726f6e696353657276696365223a20747275657d2c202270617274696573223a205b7b2273696465223a20225369646541222c202270686f6e65223a202231333820393931322033343536222c202261646472657373223a2022e696b0e79686e7bbb4e590bee5b094e887aae6b2bbe58cbae4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5928ce5b9b3e58d97e8b7af3838e58fb733e6a08b32e58d95e58583353031e5aea4222c20226e61747572616c506572736f6e223a207b226e616d65223a2022e69d8ee7a780e585b0222c2022696454797065223a20225265736964656e74496443617264222c202269644e756d626572223a2022313130313035313934393132333130303258227d2c2022656c656374726f6e69635365727669636541646472657373223a20226c697869756c616e31393439406578616d706c652e636f6d227d2c207b2273696465223a20225369646542222c202270686f6e65223a2022303939312d32383536373331222c202261646472657373223a2022e696b0e79686e7bbb4e590bee5b094e887aae6b2bbe58cbae4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae8a7a3e694bee58d97e8b7af313236e58fb7e68192e6b3b0e5a4a7e58ea63132e5b182222c20226f7267616e697a6174696f6e223a207b226e616d65223a2022e4b98ce9b281e69ca8e9bd90e5a4a9e5b1b1e68192e6b3b0e59586e8b4b8e69c89e99990e585ace58fb8222c20226c6567616c526570726573656e746174697665223a2022e78e8be5bf97e5889a222c2022756e6966696564536f6369616c437265646974436f6465223a202239313635303130324d4137584b3351483148227d2c2022656c656374726f6e69635365727669636541646472657373223a20226c6567616c4068656e677461692d74726164696e672e6578616d706c652e636f6d227d5d2c202261677265656d656e74223a207b226974656d73223a205b7b2264756544617465223a2022323032372d30312d3035222c2022616d6f756e7446656e223a20313235303030302c20226465736372697074696f6e223a2022e4b999e696b9e887aae69cace58d8fe8aeaee7949fe69588e4b98be697a5e8b5b7e4b889e58d81e697a5e58685e59091e794b2e696b9e4b880e6aca1e680a7e694afe4bb98e6aca0e6acbee4babae6b091e5b881e5a3b9e4b887e8b4b0e4bb9fe4bc8de4bdb0e58583e695b4222c20226f626c696765655061727479496e646578223a20302c20226f626c69676f725061727479496e646578223a20317d5d2c20226e756d626572223a2022e5a4a9e5b9b8e8b083e3809432303236e38095e7acac303138e58fb7222c20227369676e656444617465223a2022323032362d31322d3036222c20226469737075746554797065223a202244656274222c202265666665637469766554696d65223a2022323032362d31322d30355431393a30363a32322e303330343130382b30303a3030227d2c2022636f757274436f6465223a2022e696b030313032222c20226d6564696174696f6e223a207b22656e6444617465223a2022323032362d31322d3036222c2022737461727444617465223a2022323032362d31322d3036222c20226d65646961746f724964223a2022545358464c2d323032312d303037222c20226d65646961746f724e616d65223a2022e9a9ace4b8bde5a89c222c2022636f75727452656c6174696f6e223a20224e6f436f75727452656c6174696f6e222c20226f7267616e697a6174696f6e4e616d65223a2022e4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5b9b8e7a68fe8b7afe8a197e98193e4babae6b091e8b083e8a7a3e5a794e59198e4bc9a222c20226f7267616e697a6174696f6e54797065223a202250656f706c65734d6564696174696f6e222c202272656c61746564436f757274436f6465223a2022222c20226f7267616e697a6174696f6e437265646974436f6465223a2022227d2c20226174746163686d656e7473223a205b7b226b696e64223a20224d6564696174696f6e41677265656d656e74222c2022736861323536223a2022724e372b4d3954556535665979436d4941417a636e4d716a5a4f48433377377743436f4a304e502f3645493d222c202266696c654e616d65223a2022e4babae6b091e8b083e8a7a3e58d8fe8aeaee4b9a62de5a4a9e5b9b8e8b08332303236e7acac303138e58fb72e747874222c20226d6564696154797065223a2022746578742f706c61696e222c202273697a654279746573223a203731382c20227369676e617475726573223a205b7b226d6574686f64223a2022652d7369676e6174757265222c20227369676e6572223a2022e69d8ee7a780e585b0227d2c207b226d6574686f64223a20227365616c222c20227369676e6572223a2022e4b98ce9b281e69ca8e9bd90e5a4a9e5b1b1e68192e6b3b0e59586e8b4b8e69c89e99990e585ace58fb8227d2c207b226d6574686f64223a2022652d7369676e6174757265222c20227369676e6572223a2022e9a9ace4b8bde5a89c227d2c207b226d6574686f64223a20227365616c222c20227369676e6572223a2022e4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5b9b8e7a68fe8b7afe8a197e98193e4babae6b091e8b083e8a7a3e5a794e59198e4bc9a227d5d7d2c207b226b696e64223a20224d6564696174696f6e50726f6f66222c2022736861323536223a20223843576f5233736144375069427a4c39494674716d5236786f696141722f7a37415670693562646d4238593d222c202266696c654e616d65223a2022e8b083e8a7a3e68385e586b5e8af81e6988e2de5a4a9e5b9b8e8b08332303236e7acac303138e58fb72e747874222c20226d6564696154797065223a2022746578742f706c61696e222c202273697a654279746573223a203238392c20227369676e617475726573223a205b7b226d6574686f64223a20227365616c222c20227369676e6572223a2022e4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5b9b8e7a68fe8b7afe8a197e98193e4babae6b091e8b083e8a7a3e5a794e59198e4bc9a227d5d7d5d2c2022706c6174666f726d436173654964223a2022545358462d323032362d4a432d303031382d5031222c20227072654c697469676174696f6e436173654e756d626572223a2022227d2c22737461747573223a22436f6e6669726d6564222c2272656365697665644174223a22323032362d31322d30355431393a30373a32332e33373933392b30303a3030222c22757064617465644174223a22323032362d31322d30355431393a30373a35302e3332393434352b30303a3030222c227061796c6f6164536861323536223a2261653130333030646166636564643135306563326137653438666137306261643764393365623237303339376264666333616363653665313564653639356432222c22636f7572744e616d65223a22e5a4a9e5b1b1e58cbae4babae6b091e6b395e999a2222c226361736559656172223a323032362c226361736554797065436f6465223a22e6b091e789b9222c226361736553657175656e6365223a312c2261636365707465644174223a22323032362d31322d30355431393a30373a34382e3130323232392b30303a3030222c2272756c65644174223a22323032362d31322d30355431393a30373a35302e3332393434352b30303a3030222c226170706c6965645265717565737473223a7b22636c692d3835373537343534346662383433326361383962333235626432613761373462223a22416363657074222c22636c692d6235663335323830353633313431363761373337363130663834643362386263223a225374617274526576696577222c22636c692d6561626435336436363864623438373962313837646639393430333631633266223a22436f6e6669726d227d2c226c6173744576656e74223a7b2273657175656e6365223a342c226b696e64223a22434f4e4649524d4544222c226f636375727265644174223a22323032362d31322d30355431393a30373a35302e3332393434352b30303a3030222c226163746f72223a7b226b696e64223a22436f757274222c226964223a22e696b030313032222c226e616d65223a22e78e8be6b395e5ae98227d2c227374617475734166746572223a22436f6e6669726d6564222c2264657461696c73223a7b22726571756573745f6964223a22636c692d6561626435336436363864623438373962313837646639393430333631633266227d7d7d', '2026-12-05 19:07:50.330314+00', 4);
INSERT INTO public.orleans_storage (service_id, grain_type, grain_id_ext, grain_id_n0, grain_id_n1, grain_id_hash, grain_type_hash, payload, modified_on, version) VALUES ('exchange', 'application', '01a2479a-ac06-777a-8d31-232508f94ae2', 0, 0, -1281339742, 2131742381, '\x7b226170706c69636174696f6e4964223a2230316132343739612d616330362d373737612d386433312d323332353038663934616532222c22706c6174666f726d4964223a227469616e7368616e2d6d6564696174696f6e222c226472616674223a7b2274797065223a20224d6564696174696f6e446f63756d656e74222c20226661637473223a202232303236e5b9b433e69c8832e697a5efbc8ce8a2abe5918ae4b98ce9b281e69ca8e9bd90e5a4a9e5b1b1e68192e6b3b0e59586e8b4b8e69c89e99990e585ace58fb8e59ba0e8b584e98791e591a8e8bdace59091e58e9fe5918ae69d8ee7a780e585b0e5809fe6acbee4babae6b091e5b881382c363030e58583efbc8ce7baa6e5ae9ae5908ce5b9b436e69c883330e697a5e5898de5bd92e8bf98efbc8ce588b0e69c9fe69caae8bf98e38082e58f8ce696b9e7bb8fe4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5b9b8e7a68fe8b7afe8a197e98193e4babae6b091e8b083e8a7a3e5a794e59198e4bc9ae8b083e8a7a3e8bebee68890e58d8fe8aeaeefbc8ce8a2abe5918ae5908ce6848fe4ba8e32303236e5b9b43131e69c883330e697a5e5898de5bd92e8bf98e585a8e983a8e5809fe6acbeefbc8ce58e9fe5918ae694bee5bc83e588a9e681afe8afb7e6b182e38082222c2022636c61696d73223a2022e588a4e4bba4e8a2abe5918ae8bf94e8bf98e58e9fe5918ae5809fe6acbee4babae6b091e5b881382c363030e58583e38082222c2022636f6e73656e74223a207b22636f6e73656e7454696d65223a2022323032362d31322d30355431393a30363a32372e333932343233392b30303a3030222c20226f6e6c696e6548616e646c696e67223a20747275652c2022656c656374726f6e696353657276696365223a20747275657d2c202270617274696573223a205b7b2273696465223a20225369646541222c202270686f6e65223a202231333820393931322033343536222c202261646472657373223a2022e696b0e79686e7bbb4e590bee5b094e887aae6b2bbe58cbae4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5928ce5b9b3e58d97e8b7af3838e58fb733e6a08b32e58d95e58583353031e5aea4222c20226e61747572616c506572736f6e223a207b226e616d65223a2022e69d8ee7a780e585b0222c2022696454797065223a20225265736964656e74496443617264222c202269644e756d626572223a2022313130313035313934393132333130303258227d2c2022656c656374726f6e69635365727669636541646472657373223a20226c697869756c616e31393439406578616d706c652e636f6d227d2c207b2273696465223a20225369646542222c202270686f6e65223a2022303939312d32383536373331222c202261646472657373223a2022e696b0e79686e7bbb4e590bee5b094e887aae6b2bbe58cbae4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae8a7a3e694bee58d97e8b7af313236e58fb7e68192e6b3b0e5a4a7e58ea63132e5b182222c20226f7267616e697a6174696f6e223a207b226e616d65223a2022e4b98ce9b281e69ca8e9bd90e5a4a9e5b1b1e68192e6b3b0e59586e8b4b8e69c89e99990e585ace58fb8222c20226c6567616c526570726573656e746174697665223a2022e78e8be5bf97e5889a222c2022756e6966696564536f6369616c437265646974436f6465223a202239313635303130324d4137584b3351483148227d2c2022656c656374726f6e69635365727669636541646472657373223a20226c6567616c4068656e677461692d74726164696e672e6578616d706c652e636f6d227d5d2c202261677265656d656e74223a207b226974656d73223a205b7b2264756544617465223a2022323032372d30312d3231222c2022616d6f756e7446656e223a203836303030302c20226465736372697074696f6e223a2022e4b999e696b9e4ba8e32303236e5b9b43131e69c883330e697a5e5898de59091e794b2e696b9e8bf94e8bf98e5809fe6acbee4babae6b091e5b881e68d8ce4bb9fe99986e4bdb0e58583e695b4222c20226f626c696765655061727479496e646578223a20302c20226f626c69676f725061727479496e646578223a20317d5d2c20226e756d626572223a2022e5a4a9e5b9b8e8b083e3809432303236e38095e7acac303135e58fb7222c20227369676e656444617465223a2022323032362d31322d3036222c20226469737075746554797065223a202244656274222c202265666665637469766554696d65223a2022323032362d31322d30355431393a30363a32372e333932343233392b30303a3030227d2c2022636f757274436f6465223a2022e696b030313032222c20226d6564696174696f6e223a207b22656e6444617465223a2022323032362d31322d3036222c2022737461727444617465223a2022323032362d31322d3036222c20226d65646961746f724964223a2022545358464c2d323032312d303037222c20226d65646961746f724e616d65223a2022e9a9ace4b8bde5a89c222c2022636f75727452656c6174696f6e223a20224e6f436f75727452656c6174696f6e222c20226f7267616e697a6174696f6e4e616d65223a2022e4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5b9b8e7a68fe8b7afe8a197e98193e4babae6b091e8b083e8a7a3e5a794e59198e4bc9a222c20226f7267616e697a6174696f6e54797065223a202250656f706c65734d6564696174696f6e222c202272656c61746564436f757274436f6465223a2022222c20226f7267616e697a6174696f6e437265646974436f6465223a2022227d2c20226174746163686d656e7473223a205b7b226b696e64223a20224d6564696174696f6e41677265656d656e74222c2022736861323536223a2022704b70565769447a5a57413438483456414178794974553450737339593742315357464c75665539372b673d222c202266696c654e616d65223a2022e8b083e8a7a3e58d8fe8aeaee4b9a62de5a4a9e5b9b8e8b08332303236e7acac303135e58fb72e747874222c20226d6564696154797065223a2022746578742f706c61696e222c202273697a654279746573223a203331372c20227369676e617475726573223a205b7b226d6574686f64223a2022652d7369676e6174757265222c20227369676e6572223a2022e69d8ee7a780e585b0227d2c207b226d6574686f64223a20227365616c222c20227369676e6572223a2022e4b98ce9b281e69ca8e9bd90e5a4a9e5b1b1e68192e6b3b0e59586e8b4b8e69c89e99990e585ace58fb8227d2c207b226d6574686f64223a2022652d7369676e6174757265222c20227369676e6572223a2022e9a9ace4b8bde5a89c227d2c207b226d6574686f64223a20227365616c222c20227369676e6572223a2022e4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5b9b8e7a68fe8b7afe8a197e98193e4babae6b091e8b083e8a7a3e5a794e59198e4bc9a227d5d7d5d2c2022706c6174666f726d436173654964223a2022545358462d323032362d4d442d303031352d5031222c20227072654c697469676174696f6e436173654e756d626572223a2022227d2c22737461747573223a22556e646572526576696577222c2272656365697665644174223a22323032362d31322d30355431393a30373a32382e3636323439342b30303a3030222c22757064617465644174223a22323032362d31322d30355431393a30373a35312e3734393537392b30303a3030222c227061796c6f6164536861323536223a2263663662343662623339373266663936626162383363613436666361636535323663316162613165366637383462303830666165636430626133313735356463222c22636f7572744e616d65223a22e5a4a9e5b1b1e58cbae4babae6b091e6b395e999a2222c226361736559656172223a323032362c226361736554797065436f6465223a22e6b091e5889d222c226361736553657175656e6365223a312c2261636365707465644174223a22323032362d31322d30355431393a30373a35312e3037343732312b30303a3030222c226170706c6965645265717565737473223a7b22636c692d3464356566626635336335393431383362646261653232303833393132366163223a22526567697374657243617365222c22636c692d3763313136343238303661363462623662366538343462313837613836303835223a225374617274526576696577227d2c226c6173744576656e74223a7b2273657175656e6365223a332c226b696e64223a225245564945575f53544152544544222c226f636375727265644174223a22323032362d31322d30355431393a30373a35312e3734393537392b30303a3030222c226163746f72223a7b226b696e64223a22436f757274222c226964223a22e696b030313032222c226e616d65223a22e696b03031303220636c65726b206f6666696365227d2c227374617475734166746572223a22556e646572526576696577222c2264657461696c73223a7b22726571756573745f6964223a22636c692d3763313136343238303661363462623662366538343462313837613836303835227d7d7d', '2026-12-05 19:07:51.750264+00', 3);
INSERT INTO public.orleans_storage (service_id, grain_type, grain_id_ext, grain_id_n0, grain_id_n1, grain_id_hash, grain_type_hash, payload, modified_on, version) VALUES ('exchange', 'application', '01a2479a-b45c-7d12-bbc4-31118238749e', 0, 0, -22705442, 2131742381, '\x7b226170706c69636174696f6e4964223a2230316132343739612d623435632d376431322d626263342d333131313832333837343965222c22706c6174666f726d4964223a227469616e7368616e2d6d6564696174696f6e222c226472616674223a7b2274797065223a20224a7564696369616c436f6e6669726d6174696f6e222c20226661637473223a2022222c2022636c61696d73223a2022222c2022636f6e73656e74223a207b22636f6e73656e7454696d65223a2022323032362d31322d30355431393a30363a33302e333732363439312b30303a3030222c20226f6e6c696e6548616e646c696e67223a20747275652c2022656c656374726f6e696353657276696365223a20747275657d2c202270617274696573223a205b7b2273696465223a20225369646541222c202270686f6e65223a202231333820393931322033343536222c202261646472657373223a2022e696b0e79686e7bbb4e590bee5b094e887aae6b2bbe58cbae4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5928ce5b9b3e58d97e8b7af3838e58fb733e6a08b32e58d95e58583353031e5aea4222c20226e61747572616c506572736f6e223a207b226e616d65223a2022e69d8ee7a780e585b0222c2022696454797065223a20225265736964656e74496443617264222c202269644e756d626572223a2022313130313035313934393132333130303258227d2c2022656c656374726f6e69635365727669636541646472657373223a20226c697869756c616e31393439406578616d706c652e636f6d227d2c207b2273696465223a20225369646542222c202270686f6e65223a2022303939312d32383536373331222c202261646472657373223a2022e696b0e79686e7bbb4e590bee5b094e887aae6b2bbe58cbae4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae8a7a3e694bee58d97e8b7af313236e58fb7e68192e6b3b0e5a4a7e58ea63132e5b182222c20226f7267616e697a6174696f6e223a207b226e616d65223a2022e4b98ce9b281e69ca8e9bd90e5a4a9e5b1b1e68192e6b3b0e59586e8b4b8e69c89e99990e585ace58fb8222c20226c6567616c526570726573656e746174697665223a2022e78e8be5bf97e5889a222c2022756e6966696564536f6369616c437265646974436f6465223a202239313635303130324d4137584b3351483148227d2c2022656c656374726f6e69635365727669636541646472657373223a20226c6567616c4068656e677461692d74726164696e672e6578616d706c652e636f6d227d5d2c202261677265656d656e74223a207b226974656d73223a205b7b2264756544617465223a2022323032372d30312d3035222c2022616d6f756e7446656e223a20313235303030302c20226465736372697074696f6e223a2022e4b999e696b9e887aae69cace58d8fe8aeaee7949fe69588e4b98be697a5e8b5b7e4b889e58d81e697a5e58685e59091e794b2e696b9e4b880e6aca1e680a7e694afe4bb98e6aca0e6acbee4babae6b091e5b881e5a3b9e4b887e8b4b0e4bb9fe4bc8de4bdb0e58583e695b4222c20226f626c696765655061727479496e646578223a20302c20226f626c69676f725061727479496e646578223a20317d5d2c20226e756d626572223a2022e5a4a9e5b9b8e8b083e3809432303236e38095e7acac303138e58fb7222c20227369676e656444617465223a2022323032362d31322d3036222c20226469737075746554797065223a202244656274222c202265666665637469766554696d65223a2022323032362d31322d30355431393a30363a33302e333732363439312b30303a3030227d2c2022636f757274436f6465223a2022e696b030313032222c20226d6564696174696f6e223a207b22656e6444617465223a2022323032362d31322d3036222c2022737461727444617465223a2022323032362d31322d3036222c20226d65646961746f724964223a2022545358464c2d323032312d303037222c20226d65646961746f724e616d65223a2022e9a9ace4b8bde5a89c222c2022636f75727452656c6174696f6e223a20224e6f436f75727452656c6174696f6e222c20226f7267616e697a6174696f6e4e616d65223a2022e4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5b9b8e7a68fe8b7afe8a197e98193e4babae6b091e8b083e8a7a3e5a794e59198e4bc9a222c20226f7267616e697a6174696f6e54797065223a202250656f706c65734d6564696174696f6e222c202272656c61746564436f757274436f6465223a2022222c20226f7267616e697a6174696f6e437265646974436f6465223a2022227d2c20226174746163686d656e7473223a205b7b226b696e64223a20224d6564696174696f6e41677265656d656e74222c2022736861323536223a2022724e372b4d3954556535665979436d4941417a636e4d716a5a4f48433377377743436f4a304e502f3645493d222c202266696c654e616d65223a2022e4babae6b091e8b083e8a7a3e58d8fe8aeaee4b9a62de5a4a9e5b9b8e8b08332303236e7acac303138e58fb72e747874222c20226d6564696154797065223a2022746578742f706c61696e222c202273697a654279746573223a203731382c20227369676e617475726573223a205b7b226d6574686f64223a2022652d7369676e6174757265222c20227369676e6572223a2022e69d8ee7a780e585b0227d2c207b226d6574686f64223a20227365616c222c20227369676e6572223a2022e4b98ce9b281e69ca8e9bd90e5a4a9e5b1b1e68192e6b3b0e59586e8b4b8e69c89e99990e585ace58fb8227d2c207b226d6574686f64223a2022652d7369676e6174757265222c20227369676e6572223a2022e9a9ace4b8bde5a89c227d2c207b226d6574686f64223a20227365616c222c20227369676e6572223a2022e4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5b9b8e7a68fe8b7afe8a197e98193e4babae6b091e8b083e8a7a3e5a794e59198e4bc9a227d5d7d2c207b226b696e64223a20224d6564696174696f6e50726f6f66222c2022736861323536223a20223843576f5233736144375069427a4c39494674716d5236786f696141722f7a37415670693562646d4238593d222c202266696c654e616d65223a2022e8b083e8a7a3e68385e586b5e8af81e6988e2de5a4a9e5b9b8e8b08332303236e7acac303138e58fb72e747874222c20226d6564696154797065223a2022746578742f706c61696e222c202273697a654279746573223a203238392c20227369676e617475726573223a205b7b226d6574686f64223a20227365616c222c20227369676e6572223a2022e4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5b9b8e7a68fe8b7afe8a197e98193e4babae6b091e8b083e8a7a3e5a794e59198e4bc9a227d5d7d5d2c2022706c6174666f726d436173654964223a2022545358462d323032362d4a432d303031382d5032222c20227072654c697469676174696f6e436173654e756d626572223a2022227d2c22737461747573223a22556e646572526576696577222c2272656365697665644174223a22323032362d31322d30355431393a30373a33302e3738323838312b30303a3030222c22757064617465644174223a22323032362d31322d30355431393a30373a35322e3739323132362b30303a3030222c227061796c6f6164536861323536223a2235633064386632366238663661373830363965636435376166313265636236303130636238363566343362326134396633303831616139313663313738343433222c22636f7572744e616d65223a22e5a4a9e5b1b1e58cbae4babae6b091e6b395e999a2222c226361736559656172223a323032362c226361736554797065436f6465223a22e6b091e789b9222c226361736553657175656e6365223a322c2261636365707465644174223a22323032362d31322d30355431393a30373a35322e3331333933332b30303a3030222c22646561646c696e6573223a5b7b226b696e64223a22526576696577222c22646179223a22323032362d31322d3231222c22636c6f7365734174223a22323032362d31322d32325430303a30303a30302b30383a3030222c2270726f766973696f6e616c223a66616c73657d2c7b226b696e64223a225265766965774365696c696e67222c22646179223a22323032372d30312d3035222c22636c6f7365734174223a22323032372d30312d30365430303a30303a30302b30383a3030222c2270726f766973696f6e616c223a747275657d5d2c2277617463684174223a22323032362d31322d32325430303a30303a30302b30383a3030222c226170706c6965645265717565737473223a7b22636c692d3339306131383765323933373434383361663133346164613465386130323335223a22416363657074222c22636c692d3061303362303631316661353464323238353835366133303933393535656234223a225374617274526576696577227d2c226c6173744576656e74223a7b2273657175656e6365223a332c226b696e64223a225245564945575f53544152544544222c226f636375727265644174223a22323032362d31322d30355431393a30373a35322e3739323132362b30303a3030222c226163746f72223a7b226b696e64223a22436f757274222c226964223a22e696b030313032222c226e616d65223a22e696b03031303220636c65726b206f6666696365227d2c227374617475734166746572223a22556e646572526576696577222c2264657461696c73223a7b22726571756573745f6964223a22636c692d3061303362303631316661353464323238353835366133303933393535656234227d7d7d', '2026-12-05 19:07:52.797331+00', 3);
INSERT INTO public.orleans_storage (service_id, grain_type, grain_id_ext, grain_id_n0, grain_id_n1, grain_id_hash, grain_type_hash, payload, modified_on, version) VALUES ('exchange', 'application', '01a2479a-baef-730a-9213-0a9ef041df85', 0, 0, -1958550165, 2131742381, '\x7b226472616674223a207b2274797065223a20224d6564696174696f6e446f63756d656e74222c20226661637473223a202232303236e5b9b433e69c8832e697a5efbc8ce8a2abe5918ae4b98ce9b281e69ca8e9bd90e5a4a9e5b1b1e68192e6b3b0e59586e8b4b8e69c89e99990e585ace58fb8e59ba0e8b584e98791e591a8e8bdace59091e58e9fe5918ae69d8ee7a780e585b0e5809fe6acbee4babae6b091e5b881382c363030e58583efbc8ce7baa6e5ae9ae5908ce5b9b436e69c883330e697a5e5898de5bd92e8bf98efbc8ce588b0e69c9fe69caae8bf98e38082e58f8ce696b9e7bb8fe4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5b9b8e7a68fe8b7afe8a197e98193e4babae6b091e8b083e8a7a3e5a794e59198e4bc9ae8b083e8a7a3e8bebee68890e58d8fe8aeaeefbc8ce8a2abe5918ae5908ce6848fe4ba8e32303236e5b9b43131e69c883330e697a5e5898de5bd92e8bf98e585a8e983a8e5809fe6acbeefbc8ce58e9fe5918ae694bee5bc83e588a9e681afe8afb7e6b182e38082222c2022636c61696d73223a2022e588a4e4bba4e8a2abe5918ae8bf94e8bf98e58e9fe5918ae5809fe6acbee4babae6b091e5b881382c363030e58583e38082222c2022636f6e73656e74223a207b22636f6e73656e7454696d65223a2022323032362d31322d30355431393a30363a33322e313333373438362b30303a3030222c20226f6e6c696e6548616e646c696e67223a20747275652c2022656c656374726f6e696353657276696365223a20747275657d2c202270617274696573223a205b7b2273696465223a20225369646541222c202270686f6e65223a202231333820393931322033343536222c202261646472657373223a2022e696b0e79686e7bbb4e590bee5b094e887aae6b2bbe58cbae4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5928ce5b9b3e58d97e8b7af3838e58fb733e6a08b32e58d95e58583353031e5aea4222c20226e61747572616c506572736f6e223a207b226e616d65223a2022e69d8ee7a780e585b0222c2022696454797065223a20225265736964656e74496443617264222c202269644e756d626572223a2022313130313035313934393132333130303258227d2c2022656c656374726f6e69635365727669636541646472657373223a20226c697869756c616e31393439406578616d706c652e636f6d227d2c207b2273696465223a20225369646542222c202270686f6e65223a2022303939312d32383536373331222c202261646472657373223a2022e696b0e79686e7bbb4e590bee5b094e887aae6b2bbe58cbae4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae8a7a3e694bee58d97e8b7af313236e58fb7e68192e6b3b0e5a4a7e58ea63132e5b182222c20226f7267616e697a6174696f6e223a207b226e616d65223a2022e4b98ce9b281e69ca8e9bd90e5a4a9e5b1b1e68192e6b3b0e59586e8b4b8e69c89e99990e585ace58fb8222c20226c6567616c526570726573656e746174697665223a2022e78e8be5bf97e5889a222c2022756e6966696564536f6369616c437265646974436f6465223a202239313635303130324d4137584b3351483148227d2c2022656c656374726f6e69635365727669636541646472657373223a20226c6567616c4068656e677461692d74726164696e672e6578616d706c652e636f6d227d5d2c202261677265656d656e74223a207b226974656d73223a205b7b2264756544617465223a2022323032372d30312d3231222c2022616d6f756e7446656e223a203836303030302c20226465736372697074696f6e223a2022e4b999e696b9e4ba8e32303236e5b9b43131e69c883330e697a5e5898de59091e794b2e696b9e8bf94e8bf98e5809fe6acbee4babae6b091e5b881e68d8ce4bb9fe99986e4bdb0e58583e695b4222c20226f626c696765655061727479496e646578223a20302c20226f626c69676f725061727479496e646578223a20317d5d2c20226e756d626572223a2022e5a4a9e5b9b8e8b083e3809432303236e38095e7acac303135e58fb7222c20227369676e656444617465223a2022323032362d31322d3036222c20226469737075746554797065223a202244656274222c202265666665637469766554696d65223a2022323032362d31322d30355431393a30363a33322e313333373438362b30303a3030227d2c2022636f757274436f6465223a2022e696b030313032222c20226d6564696174696f6e223a207b22656e6444617465223a2022323032362d31322d3036222c2022737461727444617465223a2022323032362d31322d3036222c20226d65646961746f724964223a2022545358464c2d323032312d303037222c20226d65646961746f724e616d65223a2022e9a9ace4b8bde5a89c222c2022636f75727452656c6174696f6e223a20224e6f436f75727452656c6174696f6e222c20226f7267616e697a6174696f6e4e616d65223a2022e4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5b9b8e7a68fe8b7afe8a197e98193e4babae6b091e8b083e8a7a3e5a794e59198e4bc9a222c20226f7267616e697a6174696f6e54797065223a202250656f706c65734d6564696174696f6e222c202272656c61746564436f757274436f6465223a2022222c20226f7267616e697a6174696f6e437265646974436f6465223a2022227d2c20226174746163686d656e7473223a205b7b226b696e64223a20224d6564696174696f6e41677265656d656e74222c2022736861323536223a2022704b70565769447a5a57413438483456414178794974553450737339593742315357464c75665539372b673d222c202266696c654e616d65223a2022e8b083e8a7a3e58d8fe8aeaee4b9a62de5a4a9e5b9b8e8b08332303236e7acac303135e58fb72e747874222c20226d6564696154797065223a2022746578742f706c61696e222c202273697a654279746573223a203331372c20227369676e617475726573223a205b7b226d6574686f64223a2022652d7369676e6174757265222c20227369676e6572223a2022e69d8ee7a780e585b0227d2c207b226d6574686f64223a20227365616c222c20227369676e6572223a2022e4b98ce9b281e69ca8e9bd90e5a4a9e5b1b1e68192e6b3b0e59586e8b4b8e69c89e99990e585ace58fb8227d2c207b226d6574686f64223a2022652d7369676e6174757265222c20227369676e6572223a2022e9a9ace4b8bde5a89c227d2c207b226d6574686f64223a20227365616c222c20227369676e6572223a2022e4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5b9b8e7a68fe8b7afe8a197e98193e4babae6b091e8b083e8a7a3e5a794e59198e4bc9a227d5d7d5d2c2022706c6174666f726d436173654964223a2022545358462d323032362d4d442d303031352d5032222c20227072654c697469676174696f6e436173654e756d626572223a2022227d2c2022737461747573223a20224361736552656769737465726564222c20226361736559656172223a20323032362c2022636f7572744e616d65223a2022e5a4a9e5b1b1e58cbae4babae6b091e6b395e999a2222c20226c6173744576656e74223a207b226b696e64223a2022434153455f52454749535445524544222c20226163746f72223a207b226964223a2022e696b030313032222c20226b696e64223a2022436f757274222c20226e616d65223a2022e69d8ee4b9a6e8aeb0e59198227d2c202264657461696c73223a207b22726571756573745f6964223a2022636c692d6234643432623932373936353436393039353163366664323334356262323139227d2c202273657175656e6365223a20322c20226f636375727265644174223a2022323032362d31322d30355431393a30373a35332e32313935332b30303a3030222c20227374617475734166746572223a20224361736552656769737465726564227d2c2022757064617465644174223a2022323032362d31322d30355431393a30373a35332e32313935332b30303a3030222c202261636365707465644174223a2022323032362d31322d30355431393a30373a35332e32313935332b30303a3030222c2022706c6174666f726d4964223a20227469616e7368616e2d6d6564696174696f6e222c202272656365697665644174223a2022323032362d31322d30355431393a30373a33322e3436353633352b30303a3030222c20226361736553657175656e6365223a20322c20226361736554797065436f6465223a2022e6b091e5889d222c20226170706c69636174696f6e4964223a202230316132343739612d626165662d373330612d393231332d306139656630343164663835222c20227061796c6f6164536861323536223a202230363939656333663431363863666136306639626332663632323866633662363462613961363463636366626231636261653035366262663730363064373530222c20226170706c6965645265717565737473223a207b22636c692d6234643432623932373936353436393039353163366664323334356262323139223a2022526567697374657243617365227d7d', '2026-12-05 19:07:53.219933+00', 2);
INSERT INTO public.orleans_storage (service_id, grain_type, grain_id_ext, grain_id_n0, grain_id_n1, grain_id_hash, grain_type_hash, payload, modified_on, version) VALUES ('exchange', 'application', '01a2479a-ec76-7718-8cd2-d72d2e0e375c', 0, 0, -1706489675, 2131742381, '\x7b226170706c69636174696f6e4964223a2230316132343739612d656337362d373731382d386364322d643732643265306533373563222c22706c6174666f726d4964223a227469616e7368616e2d6d6564696174696f6e222c226472616674223a7b22706c6174666f726d436173654964223a22545358462d323032362d4d442d303031352d5035222c22636f757274436f6465223a22e696b030313032222c22636f6e73656e74223a7b226f6e6c696e6548616e646c696e67223a747275652c22656c656374726f6e696353657276696365223a747275652c22636f6e73656e7454696d65223a22323032362d31322d30355431393a30363a34342e363331303135332b30303a3030227d2c2274797065223a224d6564696174696f6e446f63756d656e74222c2270617274696573223a5b7b2273696465223a225369646541222c226e61747572616c506572736f6e223a7b226e616d65223a22e69d8ee7a780e585b0222c22696454797065223a225265736964656e74496443617264222c2269644e756d626572223a22313130313035313934393132333130303258227d2c2261646472657373223a22e696b0e79686e7bbb4e590bee5b094e887aae6b2bbe58cbae4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5928ce5b9b3e58d97e8b7af3838e58fb733e6a08b32e58d95e58583353031e5aea4222c2270686f6e65223a2231333820393931322033343536222c22656c656374726f6e69635365727669636541646472657373223a226c697869756c616e31393439406578616d706c652e636f6d227d2c7b2273696465223a225369646542222c226f7267616e697a6174696f6e223a7b226e616d65223a22e4b98ce9b281e69ca8e9bd90e5a4a9e5b1b1e68192e6b3b0e59586e8b4b8e69c89e99990e585ace58fb8222c22756e6966696564536f6369616c437265646974436f6465223a2239313635303130324d4137584b3351483148222c226c6567616c526570726573656e746174697665223a22e78e8be5bf97e5889a227d2c2261646472657373223a22e696b0e79686e7bbb4e590bee5b094e887aae6b2bbe58cbae4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae8a7a3e694bee58d97e8b7af313236e58fb7e68192e6b3b0e5a4a7e58ea63132e5b182222c2270686f6e65223a22303939312d32383536373331222c22656c656374726f6e69635365727669636541646472657373223a226c6567616c4068656e677461692d74726164696e672e6578616d706c652e636f6d227d5d2c226d6564696174696f6e223a7b226f7267616e697a6174696f6e4e616d65223a22e4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5b9b8e7a68fe8b7afe8a197e98193e4babae6b091e8b083e8a7a3e5a794e59198e4bc9a222c226f7267616e697a6174696f6e54797065223a2250656f706c65734d6564696174696f6e222c226f7267616e697a6174696f6e437265646974436f6465223a22222c22636f75727452656c6174696f6e223a224e6f436f75727452656c6174696f6e222c2272656c61746564436f757274436f6465223a22222c226d65646961746f724e616d65223a22e9a9ace4b8bde5a89c222c226d65646961746f724964223a22545358464c2d323032312d303037222c22737461727444617465223a22323032362d31322d3036222c22656e6444617465223a22323032362d31322d3036227d2c2261677265656d656e74223a7b226e756d626572223a22e5a4a9e5b9b8e8b083e3809432303236e38095e7acac303135e58fb7222c227369676e656444617465223a22323032362d31322d3036222c2265666665637469766554696d65223a22323032362d31322d30355431393a30363a34342e363331303135332b30303a3030222c226974656d73223a5b7b226f626c69676f725061727479496e646578223a312c226f626c696765655061727479496e646578223a302c226465736372697074696f6e223a22e4b999e696b9e4ba8e32303236e5b9b43131e69c883330e697a5e5898de59091e794b2e696b9e8bf94e8bf98e5809fe6acbee4babae6b091e5b881e68d8ce4bb9fe99986e4bdb0e58583e695b4222c22616d6f756e7446656e223a3836303030302c2264756544617465223a22323032372d30312d3231227d5d2c226469737075746554797065223a2244656274227d2c22636c61696d73223a22e588a4e4bba4e8a2abe5918ae8bf94e8bf98e58e9fe5918ae5809fe6acbee4babae6b091e5b881382c363030e58583e38082222c226661637473223a2232303236e5b9b433e69c8832e697a5efbc8ce8a2abe5918ae4b98ce9b281e69ca8e9bd90e5a4a9e5b1b1e68192e6b3b0e59586e8b4b8e69c89e99990e585ace58fb8e59ba0e8b584e98791e591a8e8bdace59091e58e9fe5918ae69d8ee7a780e585b0e5809fe6acbee4babae6b091e5b881382c363030e58583efbc8ce7baa6e5ae9ae5908ce5b9b436e69c883330e697a5e5898de5bd92e8bf98efbc8ce588b0e69c9fe69caae8bf98e38082e58f8ce696b9e7bb8fe4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5b9b8e7a68fe8b7afe8a197e98193e4babae6b091e8b083e8a7a3e5a794e59198e4bc9ae8b083e8a7a3e8bebee68890e58d8fe8aeaeefbc8ce8a2abe5918ae5908ce6848fe4ba8e32303236e5b9b43131e69c883330e697a5e5898de5bd92e8bf98e585a8e983a8e5809fe6acbeefbc8ce58e9fe5918ae694bee5bc83e588a9e681afe8afb7e6b182e38082222c227072654c697469676174696f6e436173654e756d626572223a22222c226174746163686d656e7473223a5b7b226b696e64223a224d6564696174696f6e41677265656d656e74222c2266696c654e616d65223a22e8b083e8a7a3e58d8fe8aeaee4b9a62de5a4a9e5b9b8e8b08332303236e7acac303135e58fb72e747874222c226d6564696154797065223a22746578742f706c61696e222c2273697a654279746573223a3331372c22736861323536223a22704b70565769447a5a57413438483456414178794974553450737339593742315357464c75665539372b673d222c227369676e617475726573223a5b7b227369676e6572223a22e69d8ee7a780e585b0222c226d6574686f64223a22652d7369676e6174757265227d2c7b227369676e6572223a22e4b98ce9b281e69ca8e9bd90e5a4a9e5b1b1e68192e6b3b0e59586e8b4b8e69c89e99990e585ace58fb8222c226d6574686f64223a227365616c227d2c7b227369676e6572223a22e9a9ace4b8bde5a89c222c226d6574686f64223a22652d7369676e6174757265227d2c7b227369676e6572223a22e4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5b9b8e7a68fe8b7afe8a197e98193e4babae6b091e8b083e8a7a3e5a794e59198e4bc9a222c226d6574686f64223a227365616c227d5d7d5d7d2c22737461747573223a225265636569766564222c2272656365697665644174223a22323032362d31322d30355431393a30373a34352e3135383435382b30303a3030222c22757064617465644174223a22323032362d31322d30355431393a30373a34352e3135383435382b30303a3030222c227061796c6f6164536861323536223a2235333330636336353065663864356266626531353736633937633836366664323938373030633932636532386334323833656232656338343839663832323165222c22636f7572744e616d65223a22e5a4a9e5b1b1e58cbae4babae6b091e6b395e999a2222c226c6173744576656e74223a7b2273657175656e6365223a312c226b696e64223a225355424d4954544544222c226f636375727265644174223a22323032362d31322d30355431393a30373a34352e3135383435382b30303a3030222c226163746f72223a7b226b696e64223a22506c6174666f726d222c226964223a227469616e7368616e2d6d6564696174696f6e227d2c227374617475734166746572223a225265636569766564222c2264657461696c73223a7b227061796c6f61645f736861323536223a2235333330636336353065663864356266626531353736633937633836366664323938373030633932636532386334323833656232656338343839663832323165222c22636f7572745f636f6465223a22e696b030313032227d7d7d', '2026-12-05 19:07:45.161291+00', 1);
INSERT INTO public.orleans_storage (service_id, grain_type, grain_id_ext, grain_id_n0, grain_id_n1, grain_id_hash, grain_type_hash, payload, modified_on, version) VALUES ('exchange', 'application', '01a2479a-f1bc-7dca-be84-55a5323019cb', 0, 0, -345129532, 2131742381, '\x7b226170706c69636174696f6e4964223a2230316132343739612d663162632d376463612d626538342d353561353332333031396362222c22706c6174666f726d4964223a226b617368692d6d6564696174696f6e222c226472616674223a7b22706c6174666f726d436173654964223a22545358462d323032362d4a432d303031382d5036222c22636f757274436f6465223a22e696b030313032222c22636f6e73656e74223a7b226f6e6c696e6548616e646c696e67223a747275652c22656c656374726f6e696353657276696365223a747275652c22636f6e73656e7454696d65223a22323032362d31322d30355431393a30363a34362e323030353333312b30303a3030227d2c2274797065223a224a7564696369616c436f6e6669726d6174696f6e222c2270617274696573223a5b7b2273696465223a225369646541222c226e61747572616c506572736f6e223a7b226e616d65223a22e69d8ee7a780e585b0222c22696454797065223a225265736964656e74496443617264222c2269644e756d626572223a22313130313035313934393132333130303258227d2c2261646472657373223a22e696b0e79686e7bbb4e590bee5b094e887aae6b2bbe58cbae4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5928ce5b9b3e58d97e8b7af3838e58fb733e6a08b32e58d95e58583353031e5aea4222c2270686f6e65223a2231333820393931322033343536222c22656c656374726f6e69635365727669636541646472657373223a226c697869756c616e31393439406578616d706c652e636f6d227d2c7b2273696465223a225369646542222c226f7267616e697a6174696f6e223a7b226e616d65223a22e4b98ce9b281e69ca8e9bd90e5a4a9e5b1b1e68192e6b3b0e59586e8b4b8e69c89e99990e585ace58fb8222c22756e6966696564536f6369616c437265646974436f6465223a2239313635303130324d4137584b3351483148222c226c6567616c526570726573656e746174697665223a22e78e8be5bf97e5889a227d2c2261646472657373223a22e696b0e79686e7bbb4e590bee5b094e887aae6b2bbe58cbae4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae8a7a3e694bee58d97e8b7af313236e58fb7e68192e6b3b0e5a4a7e58ea63132e5b182222c2270686f6e65223a22303939312d32383536373331222c22656c656374726f6e69635365727669636541646472657373223a226c6567616c4068656e677461692d74726164696e672e6578616d706c652e636f6d227d5d2c226d6564696174696f6e223a7b226f7267616e697a6174696f6e4e616d65223a22e4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5b9b8e7a68fe8b7afe8a197e98193e4babae6b091e8b083e8a7a3e5a794e59198e4bc9a222c226f7267616e697a6174696f6e54797065223a2250656f706c65734d6564696174696f6e222c226f7267616e697a6174696f6e437265646974436f6465223a22222c22636f75727452656c6174696f6e223a224e6f436f75727452656c6174696f6e222c2272656c61746564436f757274436f6465223a22222c226d65646961746f724e616d65223a22e9a9ace4b8bde5a89c222c226d65646961746f724964223a22545358464c2d323032312d303037222c22737461727444617465223a22323032362d31322d3036222c22656e6444617465223a22323032362d31322d3036227d2c2261677265656d656e74223a7b226e756d626572223a22e5a4a9e5b9b8e8b083e3809432303236e38095e7acac303138e58fb7222c227369676e656444617465223a22323032362d31322d3036222c2265666665637469766554696d65223a22323032362d31322d30355431393a30363a34362e323030353333312b30303a3030222c226974656d73223a5b7b226f626c69676f725061727479496e646578223a312c226f626c696765655061727479496e646578223a302c226465736372697074696f6e223a22e4b999e696b9e887aae69cace58d8fe8aeaee7949fe69588e4b98be697a5e8b5b7e4b889e58d81e697a5e58685e59091e794b2e696b9e4b880e6aca1e680a7e694afe4bb98e6aca0e6acbee4babae6b091e5b881e5a3b9e4b887e8b4b0e4bb9fe4bc8de4bdb0e58583e695b4222c22616d6f756e7446656e223a313235303030302c2264756544617465223a22323032372d30312d3035227d5d2c226469737075746554797065223a2244656274227d2c22636c61696d73223a22222c226661637473223a22222c227072654c697469676174696f6e436173654e756d626572223a22222c226174746163686d656e7473223a5b7b226b696e64223a224d6564696174696f6e41677265656d656e74222c2266696c654e616d65223a22e4babae6b091e8b083e8a7a3e58d8fe8aeaee4b9a62de5a4a9e5b9b8e8b08332303236e7acac303138e58fb72e747874222c226d6564696154797065223a22746578742f706c61696e222c2273697a654279746573223a3731382c22736861323536223a22724e372b4d3954556535665979436d4941417a636e4d716a5a4f48433377377743436f4a304e502f3645493d222c227369676e617475726573223a5b7b227369676e6572223a22e69d8ee7a780e585b0222c226d6574686f64223a22652d7369676e6174757265227d2c7b227369676e6572223a22e4b98ce9b281e69ca8e9bd90e5a4a9e5b1b1e68192e6b3b0e59586e8b4b8e69c89e99990e585ace58fb8222c226d6574686f64223a227365616c227d2c7b227369676e6572223a22e9a9ace4b8bde5a89c222c226d6574686f64223a22652d7369676e6174757265227d2c7b227369676e6572223a22e4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5b9b8e7a68fe8b7afe8a197e98193e4babae6b091e8b083e8a7a3e5a794e59198e4bc9a222c226d6574686f64223a227365616c227d5d7d2c7b226b696e64223a224d6564696174696f6e50726f6f66222c2266696c654e616d65223a22e8b083e8a7a3e68385e586b5e8af81e6988e2de5a4a9e5b9b8e8b08332303236e7acac303138e58fb72e747874222c226d6564696154797065223a22746578742f706c61696e222c2273697a654279746573223a3238392c22736861323536223a223843576f5233736144375069427a4c39494674716d5236786f696141722f7a37415670693562646d4238593d222c227369676e617475726573223a5b7b227369676e6572223a22e4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5b9b8e7a68fe8b7afe8a197e98193e4babae6b091e8b083e8a7a3e5a794e59198e4bc9a222c226d6574686f64223a227365616c227d5d7d5d7d2c22737461747573223a225265636569766564222c2272656365697665644174223a22323032362d31322d30355431393a30373a34362e3439353933382b30303a3030222c22757064617465644174223a22323032362d31322d30355431393a30373a34362e3439353933382b30303a3030222c227061796c6f6164536861323536223a2266633061323333613230636630396530656239646364396335363237653734326333643634323935313432646663653337343337303665363235303039356332222c22636f7572744e616d65223a22e5a4a9e5b1b1e58cbae4babae6b091e6b395e999a2222c22646561646c696e6573223a5b7b226b696e64223a22416363657074616e63654465636973696f6e222c22646179223a22323032362d31322d3039222c22636c6f7365734174223a22323032362d31322d31305430303a30303a30302b30383a3030222c2270726f766973696f6e616c223a66616c73657d5d2c2277617463684174223a22323032362d31322d31305430303a30303a30302b30383a3030222c226c6173744576656e74223a7b2273657175656e6365223a312c226b696e64223a225355424d4954544544222c226f636375727265644174223a22323032362d31322d30355431393a30373a34362e3439353933382b30303a3030222c226163746f72223a7b226b696e64223a22506c6174666f726d222c226964223a226b617368692d6d6564696174696f6e227d2c227374617475734166746572223a225265636569766564222c2264657461696c73223a7b227061796c6f61645f736861323536223a2266633061323333613230636630396530656239646364396335363237653734326333643634323935313432646663653337343337303665363235303039356332222c22636f7572745f636f6465223a22e696b030313032227d7d7d', '2026-12-05 19:07:46.512436+00', 1);
INSERT INTO public.orleans_storage (service_id, grain_type, grain_id_ext, grain_id_n0, grain_id_n1, grain_id_hash, grain_type_hash, payload, modified_on, version) VALUES ('exchange', 'application', '01a2479a-c141-7d24-b9d4-a156875d43d5', 0, 0, 52021514, 2131742381, '\x7b226170706c69636174696f6e4964223a2230316132343739612d633134312d376432342d623964342d613135363837356434336435222c22706c6174666f726d4964223a226b617368692d6d6564696174696f6e222c226472616674223a7b22706c6174666f726d436173654964223a22545358462d323032362d4a432d303031382d5033222c22636f757274436f6465223a22e696b030313032222c22636f6e73656e74223a7b226f6e6c696e6548616e646c696e67223a747275652c22656c656374726f6e696353657276696365223a747275652c22636f6e73656e7454696d65223a22323032362d31322d30355431393a30363a33332e3639353034352b30303a3030227d2c2274797065223a224a7564696369616c436f6e6669726d6174696f6e222c2270617274696573223a5b7b2273696465223a225369646541222c226e61747572616c506572736f6e223a7b226e616d65223a22e69d8ee7a780e585b0222c22696454797065223a225265736964656e74496443617264222c2269644e756d626572223a22313130313035313934393132333130303258227d2c2261646472657373223a22e696b0e79686e7bbb4e590bee5b094e887aae6b2bbe58cbae4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5928ce5b9b3e58d97e8b7af3838e58fb733e6a08b32e58d95e58583353031e5aea4222c2270686f6e65223a2231333820393931322033343536222c22656c656374726f6e69635365727669636541646472657373223a226c697869756c616e31393439406578616d706c652e636f6d227d2c7b2273696465223a225369646542222c226f7267616e697a6174696f6e223a7b226e616d65223a22e4b98ce9b281e69ca8e9bd90e5a4a9e5b1b1e68192e6b3b0e59586e8b4b8e69c89e99990e585ace58fb8222c22756e6966696564536f6369616c437265646974436f6465223a2239313635303130324d4137584b3351483148222c226c6567616c526570726573656e746174697665223a22e78e8be5bf97e5889a227d2c2261646472657373223a22e696b0e79686e7bbb4e590bee5b094e887aae6b2bbe58cbae4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae8a7a3e694bee58d97e8b7af313236e58fb7e68192e6b3b0e5a4a7e58ea63132e5b182222c2270686f6e65223a22303939312d32383536373331222c22656c656374726f6e69635365727669636541646472657373223a226c6567616c4068656e677461692d74726164696e672e6578616d706c652e636f6d227d5d2c226d6564696174696f6e223a7b226f7267616e697a6174696f6e4e616d65223a22e4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5b9b8e7a68fe8b7afe8a197e98193e4babae6b091e8b083e8a7a3e5a794e59198e4bc9a222c226f7267616e697a6174696f6e54797065223a2250656f706c65734d6564696174696f6e222c226f7267616e697a6174696f6e437265646974436f6465223a22222c22636f75727452656c6174696f6e223a224e6f436f75727452656c6174696f6e222c2272656c61746564436f757274436f6465223a22222c226d65646961746f724e616d65223a22e9a9ace4b8bde5a89c222c226d65646961746f724964223a22545358464c2d323032312d303037222c22737461727444617465223a22323032362d31322d3036222c22656e6444617465223a22323032362d31322d3036227d2c2261677265656d656e74223a7b226e756d626572223a22e5a4a9e5b9b8e8b083e3809432303236e38095e7acac303138e58fb7222c227369676e656444617465223a22323032362d31322d3036222c2265666665637469766554696d65223a22323032362d31322d30355431393a30363a33332e3639353034352b30303a3030222c226974656d73223a5b7b226f626c69676f725061727479496e646578223a312c226f626c696765655061727479496e646578223a302c226465736372697074696f6e223a22e4b999e696b9e887aae69cace58d8fe8aeaee7949fe69588e4b98be697a5e8b5b7e4b889e58d81e697a5e58685e59091e794b2e696b9e4b880e6aca1e680a7e694afe4bb98e6aca0e6acbee4babae6b091e5b881e5a3b9e4b887e8b4b0e4bb9fe4bc8de4bdb0e58583e695b4222c22616d6f756e7446656e223a313235303030302c2264756544617465223a22323032372d30312d3035227d5d2c226469737075746554797065223a2244656274227d2c22636c61696d73223a22222c226661637473223a22222c227072654c697469676174696f6e436173654e756d626572223a22222c226174746163686d656e7473223a5b7b226b696e64223a224d6564696174696f6e41677265656d656e74222c2266696c654e616d65223a22e4babae6b091e8b083e8a7a3e58d8fe8aeaee4b9a62de5a4a9e5b9b8e8b08332303236e7acac303138e58fb72e747874222c226d6564696154797065223a22746578742f706c61696e222c2273697a654279746573223a3731382c22736861323536223a22724e372b4d3954556535665979436d4941417a636e4d716a5a4f48433377377743436f4a304e502f3645493d222c227369676e617475726573223a5b7b227369676e6572223a22e69d8ee7a780e585b0222c226d6574686f64223a22652d7369676e6174757265227d2c7b227369676e6572223a22e4b98ce9b281e69ca8e9bd90e5a4a9e5b1b1e68192e6b3b0e59586e8b4b8e69c89e99990e585ace58fb8222c226d6574686f64223a227365616c227d2c7b227369676e6572223a22e9a9ace4b8bde5a89c222c226d6574686f64223a22652d7369676e6174757265227d2c7b227369676e6572223a22e4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5b9b8e7a68fe8b7afe8a197e98193e4babae6b091e8b083e8a7a3e5a794e59198e4bc9a222c226d6574686f64223a227365616c227d5d7d2c7b226b696e64223a224d6564696174696f6e50726f6f66222c2266696c654e616d65223a22e8b083e8a7a3e68385e586b5e8af81e6988e2de5a4a9e5b9b8e8b08332303236e7acac303138e58fb72e747874222c226d6564696154797065223a22746578742f706c61696e222c2273697a654279746573223a3238392c22736861323536223a223843576f5233736144375069427a4c39494674716d5236786f696141722f7a37415670693562646d4238593d222c227369676e617475726573223a5b7b227369676e6572223a22e4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5b9b8e7a68fe8b7afe8a197e98193e4babae6b091e8b083e8a7a3e5a794e59198e4bc9a222c226d6574686f64223a227365616c227d5d7d5d7d2c22737461747573223a224e6f744163636570746564222c2272656365697665644174223a22323032362d31322d30355431393a30373a33342e3038333439392b30303a3030222c22757064617465644174223a22323032362d31322d30355431393a30373a35332e3737353139372b30303a3030222c227061796c6f6164536861323536223a2266323331663536333531626264393864393462633266613733326561633631336433356531386330346436656562346133633239373366366563666130626430222c22636f7572744e616d65223a22e5a4a9e5b1b1e58cbae4babae6b091e6b395e999a2222c2272756c65644174223a22323032362d31322d30355431393a30373a35332e3737353139372b30303a3030222c226170706c6965645265717565737473223a7b22636c692d6639633632313332653066323463353539383961666630393231316638656332223a22526566757365416363657074616e6365227d2c226c6173744576656e74223a7b2273657175656e6365223a322c226b696e64223a224e4f545f4143434550544544222c226f636375727265644174223a22323032362d31322d30355431393a30373a35332e3737353139372b30303a3030222c226163746f72223a7b226b696e64223a22436f757274222c226964223a22e696b030313032222c226e616d65223a22e69d8ee4b9a6e8aeb0e59198227d2c22726561736f6e223a22e4b88de5b19ee4ba8ee69cace999a2e7aea1e8be96222c227374617475734166746572223a224e6f744163636570746564222c2264657461696c73223a7b2267726f756e64223a224f5554534944455f4a5552495344494354494f4e222c22726571756573745f6964223a22636c692d6639633632313332653066323463353539383961666630393231316638656332227d7d7d', '2026-12-05 19:07:53.776481+00', 2);
INSERT INTO public.orleans_storage (service_id, grain_type, grain_id_ext, grain_id_n0, grain_id_n1, grain_id_hash, grain_type_hash, payload, modified_on, version) VALUES ('exchange', 'application', '01a2479a-c98e-7951-b19c-d462c19f6f84', 0, 0, -592050880, 2131742381, '\x7b226170706c69636174696f6e4964223a2230316132343739612d633938652d373935312d623139632d643436326331396636663834222c22706c6174666f726d4964223a226b617368692d6d6564696174696f6e222c226472616674223a7b22706c6174666f726d436173654964223a22545358462d323032362d4d442d303031352d5033222c22636f757274436f6465223a22e696b030313032222c22636f6e73656e74223a7b226f6e6c696e6548616e646c696e67223a747275652c22656c656374726f6e696353657276696365223a747275652c22636f6e73656e7454696d65223a22323032362d31322d30355431393a30363a33352e363339373231342b30303a3030227d2c2274797065223a224d6564696174696f6e446f63756d656e74222c2270617274696573223a5b7b2273696465223a225369646541222c226e61747572616c506572736f6e223a7b226e616d65223a22e69d8ee7a780e585b0222c22696454797065223a225265736964656e74496443617264222c2269644e756d626572223a22313130313035313934393132333130303258227d2c2261646472657373223a22e696b0e79686e7bbb4e590bee5b094e887aae6b2bbe58cbae4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5928ce5b9b3e58d97e8b7af3838e58fb733e6a08b32e58d95e58583353031e5aea4222c2270686f6e65223a2231333820393931322033343536222c22656c656374726f6e69635365727669636541646472657373223a226c697869756c616e31393439406578616d706c652e636f6d227d2c7b2273696465223a225369646542222c226f7267616e697a6174696f6e223a7b226e616d65223a22e4b98ce9b281e69ca8e9bd90e5a4a9e5b1b1e68192e6b3b0e59586e8b4b8e69c89e99990e585ace58fb8222c22756e6966696564536f6369616c437265646974436f6465223a2239313635303130324d4137584b3351483148222c226c6567616c526570726573656e746174697665223a22e78e8be5bf97e5889a227d2c2261646472657373223a22e696b0e79686e7bbb4e590bee5b094e887aae6b2bbe58cbae4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae8a7a3e694bee58d97e8b7af313236e58fb7e68192e6b3b0e5a4a7e58ea63132e5b182222c2270686f6e65223a22303939312d32383536373331222c22656c656374726f6e69635365727669636541646472657373223a226c6567616c4068656e677461692d74726164696e672e6578616d706c652e636f6d227d5d2c226d6564696174696f6e223a7b226f7267616e697a6174696f6e4e616d65223a22e4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5b9b8e7a68fe8b7afe8a197e98193e4babae6b091e8b083e8a7a3e5a794e59198e4bc9a222c226f7267616e697a6174696f6e54797065223a2250656f706c65734d6564696174696f6e222c226f7267616e697a6174696f6e437265646974436f6465223a22222c22636f75727452656c6174696f6e223a224e6f436f75727452656c6174696f6e222c2272656c61746564436f757274436f6465223a22222c226d65646961746f724e616d65223a22e9a9ace4b8bde5a89c222c226d65646961746f724964223a22545358464c2d323032312d303037222c22737461727444617465223a22323032362d31322d3036222c22656e6444617465223a22323032362d31322d3036227d2c2261677265656d656e74223a7b226e756d626572223a22e5a4a9e5b9b8e8b083e3809432303236e38095e7acac303135e58fb7222c227369676e656444617465223a22323032362d31322d3036222c2265666665637469766554696d65223a22323032362d31322d30355431393a30363a33352e363339373231342b30303a3030222c226974656d73223a5b7b226f626c69676f725061727479496e646578223a312c226f626c696765655061727479496e646578223a302c226465736372697074696f6e223a22e4b999e696b9e4ba8e32303236e5b9b43131e69c883330e697a5e5898de59091e794b2e696b9e8bf94e8bf98e5809fe6acbee4babae6b091e5b881e68d8ce4bb9fe99986e4bdb0e58583e695b4222c22616d6f756e7446656e223a3836303030302c2264756544617465223a22323032372d30312d3231227d5d2c226469737075746554797065223a2244656274227d2c22636c61696d73223a22e588a4e4bba4e8a2abe5918ae8bf94e8bf98e58e9fe5918ae5809fe6acbee4babae6b091e5b881382c363030e58583e38082222c226661637473223a2232303236e5b9b433e69c8832e697a5efbc8ce8a2abe5918ae4b98ce9b281e69ca8e9bd90e5a4a9e5b1b1e68192e6b3b0e59586e8b4b8e69c89e99990e585ace58fb8e59ba0e8b584e98791e591a8e8bdace59091e58e9fe5918ae69d8ee7a780e585b0e5809fe6acbee4babae6b091e5b881382c363030e58583efbc8ce7baa6e5ae9ae5908ce5b9b436e69c883330e697a5e5898de5bd92e8bf98efbc8ce588b0e69c9fe69caae8bf98e38082e58f8ce696b9e7bb8fe4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5b9b8e7a68fe8b7afe8a197e98193e4babae6b091e8b083e8a7a3e5a794e59198e4bc9ae8b083e8a7a3e8bebee68890e58d8fe8aeaeefbc8ce8a2abe5918ae5908ce6848fe4ba8e32303236e5b9b43131e69c883330e697a5e5898de5bd92e8bf98e585a8e983a8e5809fe6acbeefbc8ce58e9fe5918ae694bee5bc83e588a9e681afe8afb7e6b182e38082222c227072654c697469676174696f6e436173654e756d626572223a22222c226174746163686d656e7473223a5b7b226b696e64223a224d6564696174696f6e41677265656d656e74222c2266696c654e616d65223a22e8b083e8a7a3e58d8fe8aeaee4b9a62de5a4a9e5b9b8e8b08332303236e7acac303135e58fb72e747874222c226d6564696154797065223a22746578742f706c61696e222c2273697a654279746573223a3331372c22736861323536223a22704b70565769447a5a57413438483456414178794974553450737339593742315357464c75665539372b673d222c227369676e617475726573223a5b7b227369676e6572223a22e69d8ee7a780e585b0222c226d6574686f64223a22652d7369676e6174757265227d2c7b227369676e6572223a22e4b98ce9b281e69ca8e9bd90e5a4a9e5b1b1e68192e6b3b0e59586e8b4b8e69c89e99990e585ace58fb8222c226d6574686f64223a227365616c227d2c7b227369676e6572223a22e9a9ace4b8bde5a89c222c226d6574686f64223a22652d7369676e6174757265227d2c7b227369676e6572223a22e4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5b9b8e7a68fe8b7afe8a197e98193e4babae6b091e8b083e8a7a3e5a794e59198e4bc9a222c226d6574686f64223a227365616c227d5d7d5d7d2c22737461747573223a225265636569766564222c2272656365697665644174223a22323032362d31322d30355431393a30373a33362e3231363733352b30303a3030222c22757064617465644174223a22323032362d31322d30355431393a30373a33362e3231363733352b30303a3030222c227061796c6f6164536861323536223a2265376665303864613261346338666461303533626161386561373565363565643834666665636163386330353030383234316564323431353638303935636164222c22636f7572744e616d65223a22e5a4a9e5b1b1e58cbae4babae6b091e6b395e999a2222c226c6173744576656e74223a7b2273657175656e6365223a312c226b696e64223a225355424d4954544544222c226f636375727265644174223a22323032362d31322d30355431393a30373a33362e3231363733352b30303a3030222c226163746f72223a7b226b696e64223a22506c6174666f726d222c226964223a226b617368692d6d6564696174696f6e227d2c227374617475734166746572223a225265636569766564222c2264657461696c73223a7b227061796c6f61645f736861323536223a2265376665303864613261346338666461303533626161386561373565363565643834666665636163386330353030383234316564323431353638303935636164222c22636f7572745f636f6465223a22e696b030313032227d7d7d', '2026-12-05 19:07:36.225922+00', 1);
INSERT INTO public.orleans_storage (service_id, grain_type, grain_id_ext, grain_id_n0, grain_id_n1, grain_id_hash, grain_type_hash, payload, modified_on, version) VALUES ('exchange', 'application', '01a2479a-de02-76d3-a1ac-26b1744aadeb', 0, 0, 179727648, 2131742381, '\x7b226170706c69636174696f6e4964223a2230316132343739612d646530322d373664332d613161632d323662313734346161646562222c22706c6174666f726d4964223a227469616e7368616e2d6d6564696174696f6e222c226472616674223a7b22706c6174666f726d436173654964223a22545358462d323032362d4d442d303031352d5034222c22636f757274436f6465223a22e696b030313032222c22636f6e73656e74223a7b226f6e6c696e6548616e646c696e67223a747275652c22656c656374726f6e696353657276696365223a747275652c22636f6e73656e7454696d65223a22323032362d31322d30355431393a30363a34302e393933363136352b30303a3030227d2c2274797065223a224d6564696174696f6e446f63756d656e74222c2270617274696573223a5b7b2273696465223a225369646541222c226e61747572616c506572736f6e223a7b226e616d65223a22e69d8ee7a780e585b0222c22696454797065223a225265736964656e74496443617264222c2269644e756d626572223a22313130313035313934393132333130303258227d2c2261646472657373223a22e696b0e79686e7bbb4e590bee5b094e887aae6b2bbe58cbae4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5928ce5b9b3e58d97e8b7af3838e58fb733e6a08b32e58d95e58583353031e5aea4222c2270686f6e65223a2231333820393931322033343536222c22656c656374726f6e69635365727669636541646472657373223a226c697869756c616e31393439406578616d706c652e636f6d227d2c7b2273696465223a225369646542222c226f7267616e697a6174696f6e223a7b226e616d65223a22e4b98ce9b281e69ca8e9bd90e5a4a9e5b1b1e68192e6b3b0e59586e8b4b8e69c89e99990e585ace58fb8222c22756e6966696564536f6369616c437265646974436f6465223a2239313635303130324d4137584b3351483148222c226c6567616c526570726573656e746174697665223a22e78e8be5bf97e5889a227d2c2261646472657373223a22e696b0e79686e7bbb4e590bee5b094e887aae6b2bbe58cbae4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae8a7a3e694bee58d97e8b7af313236e58fb7e68192e6b3b0e5a4a7e58ea63132e5b182222c2270686f6e65223a22303939312d32383536373331222c22656c656374726f6e69635365727669636541646472657373223a226c6567616c4068656e677461692d74726164696e672e6578616d706c652e636f6d227d5d2c226d6564696174696f6e223a7b226f7267616e697a6174696f6e4e616d65223a22e4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5b9b8e7a68fe8b7afe8a197e98193e4babae6b091e8b083e8a7a3e5a794e59198e4bc9a222c226f7267616e697a6174696f6e54797065223a2250656f706c65734d6564696174696f6e222c226f7267616e697a6174696f6e437265646974436f6465223a22222c22636f75727452656c6174696f6e223a224e6f436f75727452656c6174696f6e222c2272656c61746564436f757274436f6465223a22222c226d65646961746f724e616d65223a22e9a9ace4b8bde5a89c222c226d65646961746f724964223a22545358464c2d323032312d303037222c22737461727444617465223a22323032362d31322d3036222c22656e6444617465223a22323032362d31322d3036227d2c2261677265656d656e74223a7b226e756d626572223a22e5a4a9e5b9b8e8b083e3809432303236e38095e7acac303135e58fb7222c227369676e656444617465223a22323032362d31322d3036222c2265666665637469766554696d65223a22323032362d31322d30355431393a30363a34302e393933363136352b30303a3030222c226974656d73223a5b7b226f626c69676f725061727479496e646578223a312c226f626c696765655061727479496e646578223a302c226465736372697074696f6e223a22e4b999e696b9e4ba8e32303236e5b9b43131e69c883330e697a5e5898de59091e794b2e696b9e8bf94e8bf98e5809fe6acbee4babae6b091e5b881e68d8ce4bb9fe99986e4bdb0e58583e695b4222c22616d6f756e7446656e223a3836303030302c2264756544617465223a22323032372d30312d3231227d5d2c226469737075746554797065223a2244656274227d2c22636c61696d73223a22e588a4e4bba4e8a2abe5918ae8bf94e8bf98e58e9fe5918ae5809fe6acbee4babae6b091e5b881382c363030e58583e38082222c226661637473223a2232303236e5b9b433e69c8832e697a5efbc8ce8a2abe5918ae4b98ce9b281e69ca8e9bd90e5a4a9e5b1b1e68192e6b3b0e59586e8b4b8e69c89e99990e585ace58fb8e59ba0e8b584e98791e591a8e8bdace59091e58e9fe5918ae69d8ee7a780e585b0e5809fe6acbee4babae6b091e5b881382c363030e58583efbc8ce7baa6e5ae9ae5908ce5b9b436e69c883330e697a5e5898de5bd92e8bf98efbc8ce588b0e69c9fe69caae8bf98e38082e58f8ce696b9e7bb8fe4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5b9b8e7a68fe8b7afe8a197e98193e4babae6b091e8b083e8a7a3e5a794e59198e4bc9ae8b083e8a7a3e8bebee68890e58d8fe8aeaeefbc8ce8a2abe5918ae5908ce6848fe4ba8e32303236e5b9b43131e69c883330e697a5e5898de5bd92e8bf98e585a8e983a8e5809fe6acbeefbc8ce58e9fe5918ae694bee5bc83e588a9e681afe8afb7e6b182e38082222c227072654c697469676174696f6e436173654e756d626572223a22222c226174746163686d656e7473223a5b7b226b696e64223a224d6564696174696f6e41677265656d656e74222c2266696c654e616d65223a22e8b083e8a7a3e58d8fe8aeaee4b9a62de5a4a9e5b9b8e8b08332303236e7acac303135e58fb72e747874222c226d6564696154797065223a22746578742f706c61696e222c2273697a654279746573223a3331372c22736861323536223a22704b70565769447a5a57413438483456414178794974553450737339593742315357464c75665539372b673d222c227369676e617475726573223a5b7b227369676e6572223a22e69d8ee7a780e585b0222c226d6574686f64223a22652d7369676e6174757265227d2c7b227369676e6572223a22e4b98ce9b281e69ca8e9bd90e5a4a9e5b1b1e68192e6b3b0e59586e8b4b8e69c89e99990e585ace58fb8222c226d6574686f64223a227365616c227d2c7b227369676e6572223a22e9a9ace4b8bde5a89c222c226d6574686f64223a22652d7369676e6174757265227d2c7b227369676e6572223a22e4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5b9b8e7a68fe8b7afe8a197e98193e4babae6b091e8b083e8a7a3e5a794e59198e4bc9a222c226d6574686f64223a227365616c227d5d7d5d7d2c22737461747573223a225265636569766564222c2272656365697665644174223a22323032362d31322d30355431393a30373a34312e3435383138382b30303a3030222c22757064617465644174223a22323032362d31322d30355431393a30373a34312e3435383138382b30303a3030222c227061796c6f6164536861323536223a2265393738653162323334633336663635343065653537366235383661376334613839366130363336313566633131343766633765343534373537386631626236222c22636f7572744e616d65223a22e5a4a9e5b1b1e58cbae4babae6b091e6b395e999a2222c226c6173744576656e74223a7b2273657175656e6365223a312c226b696e64223a225355424d4954544544222c226f636375727265644174223a22323032362d31322d30355431393a30373a34312e3435383138382b30303a3030222c226163746f72223a7b226b696e64223a22506c6174666f726d222c226964223a227469616e7368616e2d6d6564696174696f6e227d2c227374617475734166746572223a225265636569766564222c2264657461696c73223a7b227061796c6f61645f736861323536223a2265393738653162323334633336663635343065653537366235383661376334613839366130363336313566633131343766633765343534373537386631626236222c22636f7572745f636f6465223a22e696b030313032227d7d7d', '2026-12-05 19:07:41.469554+00', 1);
INSERT INTO public.orleans_storage (service_id, grain_type, grain_id_ext, grain_id_n0, grain_id_n1, grain_id_hash, grain_type_hash, payload, modified_on, version) VALUES ('exchange', 'application', '01a2479a-e56c-7152-9ee5-1170ecbbf322', 0, 0, 1900522509, 2131742381, '\x7b226170706c69636174696f6e4964223a2230316132343739612d653536632d373135322d396565352d313137306563626266333232222c22706c6174666f726d4964223a227469616e7368616e2d6d6564696174696f6e222c226472616674223a7b22706c6174666f726d436173654964223a22545358462d323032362d4a432d303031382d5035222c22636f757274436f6465223a22e696b030313032222c22636f6e73656e74223a7b226f6e6c696e6548616e646c696e67223a747275652c22656c656374726f6e696353657276696365223a747275652c22636f6e73656e7454696d65223a22323032362d31322d30355431393a30363a34322e373534343333372b30303a3030227d2c2274797065223a224a7564696369616c436f6e6669726d6174696f6e222c2270617274696573223a5b7b2273696465223a225369646541222c226e61747572616c506572736f6e223a7b226e616d65223a22e69d8ee7a780e585b0222c22696454797065223a225265736964656e74496443617264222c2269644e756d626572223a22313130313035313934393132333130303258227d2c2261646472657373223a22e696b0e79686e7bbb4e590bee5b094e887aae6b2bbe58cbae4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5928ce5b9b3e58d97e8b7af3838e58fb733e6a08b32e58d95e58583353031e5aea4222c2270686f6e65223a2231333820393931322033343536222c22656c656374726f6e69635365727669636541646472657373223a226c697869756c616e31393439406578616d706c652e636f6d227d2c7b2273696465223a225369646542222c226f7267616e697a6174696f6e223a7b226e616d65223a22e4b98ce9b281e69ca8e9bd90e5a4a9e5b1b1e68192e6b3b0e59586e8b4b8e69c89e99990e585ace58fb8222c22756e6966696564536f6369616c437265646974436f6465223a2239313635303130324d4137584b3351483148222c226c6567616c526570726573656e746174697665223a22e78e8be5bf97e5889a227d2c2261646472657373223a22e696b0e79686e7bbb4e590bee5b094e887aae6b2bbe58cbae4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae8a7a3e694bee58d97e8b7af313236e58fb7e68192e6b3b0e5a4a7e58ea63132e5b182222c2270686f6e65223a22303939312d32383536373331222c22656c656374726f6e69635365727669636541646472657373223a226c6567616c4068656e677461692d74726164696e672e6578616d706c652e636f6d227d5d2c226d6564696174696f6e223a7b226f7267616e697a6174696f6e4e616d65223a22e4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5b9b8e7a68fe8b7afe8a197e98193e4babae6b091e8b083e8a7a3e5a794e59198e4bc9a222c226f7267616e697a6174696f6e54797065223a2250656f706c65734d6564696174696f6e222c226f7267616e697a6174696f6e437265646974436f6465223a22222c22636f75727452656c6174696f6e223a224e6f436f75727452656c6174696f6e222c2272656c61746564436f757274436f6465223a22222c226d65646961746f724e616d65223a22e9a9ace4b8bde5a89c222c226d65646961746f724964223a22545358464c2d323032312d303037222c22737461727444617465223a22323032362d31322d3036222c22656e6444617465223a22323032362d31322d3036227d2c2261677265656d656e74223a7b226e756d626572223a22e5a4a9e5b9b8e8b083e3809432303236e38095e7acac303138e58fb7222c227369676e656444617465223a22323032362d31322d3036222c2265666665637469766554696d65223a22323032362d31322d30355431393a30363a34322e373534343333372b30303a3030222c226974656d73223a5b7b226f626c69676f725061727479496e646578223a312c226f626c696765655061727479496e646578223a302c226465736372697074696f6e223a22e4b999e696b9e887aae69cace58d8fe8aeaee7949fe69588e4b98be697a5e8b5b7e4b889e58d81e697a5e58685e59091e794b2e696b9e4b880e6aca1e680a7e694afe4bb98e6aca0e6acbee4babae6b091e5b881e5a3b9e4b887e8b4b0e4bb9fe4bc8de4bdb0e58583e695b4222c22616d6f756e7446656e223a313235303030302c2264756544617465223a22323032372d30312d3035227d5d2c226469737075746554797065223a2244656274227d2c22636c61696d73223a22222c226661637473223a22222c227072654c697469676174696f6e436173654e756d626572223a22222c226174746163686d656e7473223a5b7b226b696e64223a224d6564696174696f6e41677265656d656e74222c2266696c654e616d65223a22e4babae6b091e8b083e8a7a3e58d8fe8aeaee4b9a62de5a4a9e5b9b8e8b08332303236e7acac303138e58fb72e747874222c226d6564696154797065223a22746578742f706c61696e222c2273697a654279746573223a3731382c22736861323536223a22724e372b4d3954556535665979436d4941417a636e4d716a5a4f48433377377743436f4a304e502f3645493d222c227369676e617475726573223a5b7b227369676e6572223a22e69d8ee7a780e585b0222c226d6574686f64223a22652d7369676e6174757265227d2c7b227369676e6572223a22e4b98ce9b281e69ca8e9bd90e5a4a9e5b1b1e68192e6b3b0e59586e8b4b8e69c89e99990e585ace58fb8222c226d6574686f64223a227365616c227d2c7b227369676e6572223a22e9a9ace4b8bde5a89c222c226d6574686f64223a22652d7369676e6174757265227d2c7b227369676e6572223a22e4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5b9b8e7a68fe8b7afe8a197e98193e4babae6b091e8b083e8a7a3e5a794e59198e4bc9a222c226d6574686f64223a227365616c227d5d7d2c7b226b696e64223a224d6564696174696f6e50726f6f66222c2266696c654e616d65223a22e8b083e8a7a3e68385e586b5e8af81e6988e2de5a4a9e5b9b8e8b08332303236e7acac303138e58fb72e747874222c226d6564696154797065223a22746578742f706c61696e222c2273697a654279746573223a3238392c22736861323536223a223843576f5233736144375069427a4c39494674716d5236786f696141722f7a37415670693562646d4238593d222c227369676e617475726573223a5b7b227369676e6572223a22e4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5b9b8e7a68fe8b7afe8a197e98193e4babae6b091e8b083e8a7a3e5a794e59198e4bc9a222c226d6574686f64223a227365616c227d5d7d5d7d2c22737461747573223a225265636569766564222c2272656365697665644174223a22323032362d31322d30355431393a30373a34332e3337363535392b30303a3030222c22757064617465644174223a22323032362d31322d30355431393a30373a34332e3337363535392b30303a3030222c227061796c6f6164536861323536223a2234306565306261613763333837383235633264373331646565386361643263313433366263346631646332636238613035333736666161313064663061323537222c22636f7572744e616d65223a22e5a4a9e5b1b1e58cbae4babae6b091e6b395e999a2222c22646561646c696e6573223a5b7b226b696e64223a22416363657074616e63654465636973696f6e222c22646179223a22323032362d31322d3039222c22636c6f7365734174223a22323032362d31322d31305430303a30303a30302b30383a3030222c2270726f766973696f6e616c223a66616c73657d5d2c2277617463684174223a22323032362d31322d31305430303a30303a30302b30383a3030222c226c6173744576656e74223a7b2273657175656e6365223a312c226b696e64223a225355424d4954544544222c226f636375727265644174223a22323032362d31322d30355431393a30373a34332e3337363535392b30303a3030222c226163746f72223a7b226b696e64223a22506c6174666f726d222c226964223a227469616e7368616e2d6d6564696174696f6e227d2c227374617475734166746572223a225265636569766564222c2264657461696c73223a7b227061796c6f61645f736861323536223a2234306565306261613763333837383235633264373331646565386361643263313433366263346631646332636238613035333736666161313064663061323537222c22636f7572745f636f6465223a22e696b030313032227d7d7d', '2026-12-05 19:07:43.38568+00', 1);
INSERT INTO public.orleans_storage (service_id, grain_type, grain_id_ext, grain_id_n0, grain_id_n1, grain_id_hash, grain_type_hash, payload, modified_on, version) VALUES ('exchange', 'application', '01a2479a-d3d5-77fb-8971-3670e3b6ac11', 0, 0, -1968509207, 2131742381, '\x7b226170706c69636174696f6e4964223a2230316132343739612d643364352d373766622d383937312d333637306533623661633131222c22706c6174666f726d4964223a227469616e7368616e2d6d6564696174696f6e222c226472616674223a7b22706c6174666f726d436173654964223a22545358462d323032362d4a432d303031382d5034222c22636f757274436f6465223a22e696b030313032222c22636f6e73656e74223a7b226f6e6c696e6548616e646c696e67223a747275652c22656c656374726f6e696353657276696365223a747275652c22636f6e73656e7454696d65223a22323032362d31322d30355431393a30363a33382e313936313331362b30303a3030227d2c2274797065223a224a7564696369616c436f6e6669726d6174696f6e222c2270617274696573223a5b7b2273696465223a225369646541222c226e61747572616c506572736f6e223a7b226e616d65223a22e69d8ee7a780e585b0222c22696454797065223a225265736964656e74496443617264222c2269644e756d626572223a22313130313035313934393132333130303258227d2c2261646472657373223a22e696b0e79686e7bbb4e590bee5b094e887aae6b2bbe58cbae4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5928ce5b9b3e58d97e8b7af3838e58fb733e6a08b32e58d95e58583353031e5aea4222c2270686f6e65223a2231333820393931322033343536222c22656c656374726f6e69635365727669636541646472657373223a226c697869756c616e31393439406578616d706c652e636f6d227d2c7b2273696465223a225369646542222c226f7267616e697a6174696f6e223a7b226e616d65223a22e4b98ce9b281e69ca8e9bd90e5a4a9e5b1b1e68192e6b3b0e59586e8b4b8e69c89e99990e585ace58fb8222c22756e6966696564536f6369616c437265646974436f6465223a2239313635303130324d4137584b3351483148222c226c6567616c526570726573656e746174697665223a22e78e8be5bf97e5889a227d2c2261646472657373223a22e696b0e79686e7bbb4e590bee5b094e887aae6b2bbe58cbae4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae8a7a3e694bee58d97e8b7af313236e58fb7e68192e6b3b0e5a4a7e58ea63132e5b182222c2270686f6e65223a22303939312d32383536373331222c22656c656374726f6e69635365727669636541646472657373223a226c6567616c4068656e677461692d74726164696e672e6578616d706c652e636f6d227d5d2c226d6564696174696f6e223a7b226f7267616e697a6174696f6e4e616d65223a22e4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5b9b8e7a68fe8b7afe8a197e98193e4babae6b091e8b083e8a7a3e5a794e59198e4bc9a222c226f7267616e697a6174696f6e54797065223a2250656f706c65734d6564696174696f6e222c226f7267616e697a6174696f6e437265646974436f6465223a22222c22636f75727452656c6174696f6e223a224e6f436f75727452656c6174696f6e222c2272656c61746564436f757274436f6465223a22222c226d65646961746f724e616d65223a22e9a9ace4b8bde5a89c222c226d65646961746f724964223a22545358464c2d323032312d303037222c22737461727444617465223a22323032362d31322d3036222c22656e6444617465223a22323032362d31322d3036227d2c2261677265656d656e74223a7b226e756d626572223a22e5a4a9e5b9b8e8b083e3809432303236e38095e7acac303138e58fb7222c227369676e656444617465223a22323032362d31322d3036222c2265666665637469766554696d65223a22323032362d31322d30355431393a30363a33382e313936313331362b30303a3030222c226974656d73223a5b7b226f626c69676f725061727479496e646578223a312c226f626c696765655061727479496e646578223a302c226465736372697074696f6e223a22e4b999e696b9e887aae69cace58d8fe8aeaee7949fe69588e4b98be697a5e8b5b7e4b889e58d81e697a5e58685e59091e794b2e696b9e4b880e6aca1e680a7e694afe4bb98e6aca0e6acbee4babae6b091e5b881e5a3b9e4b887e8b4b0e4bb9fe4bc8de4bdb0e58583e695b4222c22616d6f756e7446656e223a313235303030302c2264756544617465223a22323032372d30312d3035227d5d2c226469737075746554797065223a2244656274227d2c22636c61696d73223a22222c226661637473223a22222c227072654c697469676174696f6e436173654e756d626572223a22222c226174746163686d656e7473223a5b7b226b696e64223a224d6564696174696f6e41677265656d656e74222c2266696c654e616d65223a22e4babae6b091e8b083e8a7a3e58d8fe8aeaee4b9a62de5a4a9e5b9b8e8b08332303236e7acac303138e58fb72e747874222c226d6564696154797065223a22746578742f706c61696e222c2273697a654279746573223a3731382c22736861323536223a22724e372b4d3954556535665979436d4941417a636e4d716a5a4f48433377377743436f4a304e502f3645493d222c227369676e617475726573223a5b7b227369676e6572223a22e69d8ee7a780e585b0222c226d6574686f64223a22652d7369676e6174757265227d2c7b227369676e6572223a22e4b98ce9b281e69ca8e9bd90e5a4a9e5b1b1e68192e6b3b0e59586e8b4b8e69c89e99990e585ace58fb8222c226d6574686f64223a227365616c227d2c7b227369676e6572223a22e9a9ace4b8bde5a89c222c226d6574686f64223a22652d7369676e6174757265227d2c7b227369676e6572223a22e4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5b9b8e7a68fe8b7afe8a197e98193e4babae6b091e8b083e8a7a3e5a794e59198e4bc9a222c226d6574686f64223a227365616c227d5d7d2c7b226b696e64223a224d6564696174696f6e50726f6f66222c2266696c654e616d65223a22e8b083e8a7a3e68385e586b5e8af81e6988e2de5a4a9e5b9b8e8b08332303236e7acac303138e58fb72e747874222c226d6564696154797065223a22746578742f706c61696e222c2273697a654279746573223a3238392c22736861323536223a223843576f5233736144375069427a4c39494674716d5236786f696141722f7a37415670693562646d4238593d222c227369676e617475726573223a5b7b227369676e6572223a22e4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5b9b8e7a68fe8b7afe8a197e98193e4babae6b091e8b083e8a7a3e5a794e59198e4bc9a222c226d6574686f64223a227365616c227d5d7d5d7d2c22737461747573223a225265636569766564222c2272656365697665644174223a22323032362d31322d30355431393a30373a33382e3833383430372b30303a3030222c22757064617465644174223a22323032362d31322d30355431393a30373a35342e3435383534392b30303a3030222c227061796c6f6164536861323536223a2238323764363065316162663635393465643335306334616430623837373236633637363433396339643762656537623633633465313137643861316361626638222c22636f7572744e616d65223a22e5a4a9e5b1b1e58cbae4babae6b091e6b395e999a2222c227769746864726177616c5265717565737465644174223a22323032362d31322d30355431393a30373a35342e3435383534392b30303a3030222c22646561646c696e6573223a5b7b226b696e64223a22416363657074616e63654465636973696f6e222c22646179223a22323032362d31322d3039222c22636c6f7365734174223a22323032362d31322d31305430303a30303a30302b30383a3030222c2270726f766973696f6e616c223a66616c73657d5d2c2277617463684174223a22323032362d31322d31305430303a30303a30302b30383a3030222c226170706c6965645265717565737473223a7b2263313135656664342d363665342d343431362d393037362d303631333936613836303733223a22526571756573745769746864726177616c227d2c226c6173744576656e74223a7b2273657175656e6365223a322c226b696e64223a225749544844524157414c5f524551554553544544222c226f636375727265644174223a22323032362d31322d30355431393a30373a35342e3435383534392b30303a3030222c226163746f72223a7b226b696e64223a22506c6174666f726d222c226964223a227469616e7368616e2d6d6564696174696f6e222c226e616d65223a22e5a4a9e5b1b1e8b083e8a7a3e5b9b3e58fb0227d2c22726561736f6e223a22e5bd93e4ba8be4babae887aae8a18ce5928ce8a7a3222c227374617475734166746572223a225265636569766564222c2264657461696c73223a7b22726571756573745f6964223a2263313135656664342d363665342d343431362d393037362d303631333936613836303733227d7d7d', '2026-12-05 19:07:54.459193+00', 2);
INSERT INTO public.orleans_storage (service_id, grain_type, grain_id_ext, grain_id_n0, grain_id_n1, grain_id_hash, grain_type_hash, payload, modified_on, version) VALUES ('exchange', 'application', '01a2479a-f5a0-736f-bf0d-9ca9125bac53', 0, 0, 1119647191, 2131742381, '\x7b226170706c69636174696f6e4964223a2230316132343739612d663561302d373336662d626630642d396361393132356261633533222c22706c6174666f726d4964223a226b617368692d6d6564696174696f6e222c226472616674223a7b22706c6174666f726d436173654964223a22545358462d323032362d4d442d303031352d5036222c22636f757274436f6465223a22e696b030313032222c22636f6e73656e74223a7b226f6e6c696e6548616e646c696e67223a747275652c22656c656374726f6e696353657276696365223a747275652c22636f6e73656e7454696d65223a22323032362d31322d30355431393a30363a34372e323631303632382b30303a3030227d2c2274797065223a224d6564696174696f6e446f63756d656e74222c2270617274696573223a5b7b2273696465223a225369646541222c226e61747572616c506572736f6e223a7b226e616d65223a22e69d8ee7a780e585b0222c22696454797065223a225265736964656e74496443617264222c2269644e756d626572223a22313130313035313934393132333130303258227d2c2261646472657373223a22e696b0e79686e7bbb4e590bee5b094e887aae6b2bbe58cbae4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5928ce5b9b3e58d97e8b7af3838e58fb733e6a08b32e58d95e58583353031e5aea4222c2270686f6e65223a2231333820393931322033343536222c22656c656374726f6e69635365727669636541646472657373223a226c697869756c616e31393439406578616d706c652e636f6d227d2c7b2273696465223a225369646542222c226f7267616e697a6174696f6e223a7b226e616d65223a22e4b98ce9b281e69ca8e9bd90e5a4a9e5b1b1e68192e6b3b0e59586e8b4b8e69c89e99990e585ace58fb8222c22756e6966696564536f6369616c437265646974436f6465223a2239313635303130324d4137584b3351483148222c226c6567616c526570726573656e746174697665223a22e78e8be5bf97e5889a227d2c2261646472657373223a22e696b0e79686e7bbb4e590bee5b094e887aae6b2bbe58cbae4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae8a7a3e694bee58d97e8b7af313236e58fb7e68192e6b3b0e5a4a7e58ea63132e5b182222c2270686f6e65223a22303939312d32383536373331222c22656c656374726f6e69635365727669636541646472657373223a226c6567616c4068656e677461692d74726164696e672e6578616d706c652e636f6d227d5d2c226d6564696174696f6e223a7b226f7267616e697a6174696f6e4e616d65223a22e4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5b9b8e7a68fe8b7afe8a197e98193e4babae6b091e8b083e8a7a3e5a794e59198e4bc9a222c226f7267616e697a6174696f6e54797065223a2250656f706c65734d6564696174696f6e222c226f7267616e697a6174696f6e437265646974436f6465223a22222c22636f75727452656c6174696f6e223a224e6f436f75727452656c6174696f6e222c2272656c61746564436f757274436f6465223a22222c226d65646961746f724e616d65223a22e9a9ace4b8bde5a89c222c226d65646961746f724964223a22545358464c2d323032312d303037222c22737461727444617465223a22323032362d31322d3036222c22656e6444617465223a22323032362d31322d3036227d2c2261677265656d656e74223a7b226e756d626572223a22e5a4a9e5b9b8e8b083e3809432303236e38095e7acac303135e58fb7222c227369676e656444617465223a22323032362d31322d3036222c2265666665637469766554696d65223a22323032362d31322d30355431393a30363a34372e323631303632382b30303a3030222c226974656d73223a5b7b226f626c69676f725061727479496e646578223a312c226f626c696765655061727479496e646578223a302c226465736372697074696f6e223a22e4b999e696b9e4ba8e32303236e5b9b43131e69c883330e697a5e5898de59091e794b2e696b9e8bf94e8bf98e5809fe6acbee4babae6b091e5b881e68d8ce4bb9fe99986e4bdb0e58583e695b4222c22616d6f756e7446656e223a3836303030302c2264756544617465223a22323032372d30312d3231227d5d2c226469737075746554797065223a2244656274227d2c22636c61696d73223a22e588a4e4bba4e8a2abe5918ae8bf94e8bf98e58e9fe5918ae5809fe6acbee4babae6b091e5b881382c363030e58583e38082222c226661637473223a2232303236e5b9b433e69c8832e697a5efbc8ce8a2abe5918ae4b98ce9b281e69ca8e9bd90e5a4a9e5b1b1e68192e6b3b0e59586e8b4b8e69c89e99990e585ace58fb8e59ba0e8b584e98791e591a8e8bdace59091e58e9fe5918ae69d8ee7a780e585b0e5809fe6acbee4babae6b091e5b881382c363030e58583efbc8ce7baa6e5ae9ae5908ce5b9b436e69c883330e697a5e5898de5bd92e8bf98efbc8ce588b0e69c9fe69caae8bf98e38082e58f8ce696b9e7bb8fe4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5b9b8e7a68fe8b7afe8a197e98193e4babae6b091e8b083e8a7a3e5a794e59198e4bc9ae8b083e8a7a3e8bebee68890e58d8fe8aeaeefbc8ce8a2abe5918ae5908ce6848fe4ba8e32303236e5b9b43131e69c883330e697a5e5898de5bd92e8bf98e585a8e983a8e5809fe6acbeefbc8ce58e9fe5918ae694bee5bc83e588a9e681afe8afb7e6b182e38082222c227072654c697469676174696f6e436173654e756d626572223a22222c226174746163686d656e7473223a5b7b226b696e64223a224d6564696174696f6e41677265656d656e74222c2266696c654e616d65223a22e8b083e8a7a3e58d8fe8aeaee4b9a62de5a4a9e5b9b8e8b08332303236e7acac303135e58fb72e747874222c226d6564696154797065223a22746578742f706c61696e222c2273697a654279746573223a3331372c22736861323536223a22704b70565769447a5a57413438483456414178794974553450737339593742315357464c75665539372b673d222c227369676e617475726573223a5b7b227369676e6572223a22e69d8ee7a780e585b0222c226d6574686f64223a22652d7369676e6174757265227d2c7b227369676e6572223a22e4b98ce9b281e69ca8e9bd90e5a4a9e5b1b1e68192e6b3b0e59586e8b4b8e69c89e99990e585ace58fb8222c226d6574686f64223a227365616c227d2c7b227369676e6572223a22e9a9ace4b8bde5a89c222c226d6574686f64223a22652d7369676e6174757265227d2c7b227369676e6572223a22e4b98ce9b281e69ca8e9bd90e5b882e5a4a9e5b1b1e58cbae5b9b8e7a68fe8b7afe8a197e98193e4babae6b091e8b083e8a7a3e5a794e59198e4bc9a222c226d6574686f64223a227365616c227d5d7d5d7d2c22737461747573223a225265636569766564222c2272656365697665644174223a22323032362d31322d30355431393a30373a34372e3438393735342b30303a3030222c22757064617465644174223a22323032362d31322d30355431393a30373a34372e3438393735342b30303a3030222c227061796c6f6164536861323536223a2262313562343236303731653639323031666131303936626630613366353464646231656565346239313262333236663831633866653361643434343263346430222c22636f7572744e616d65223a22e5a4a9e5b1b1e58cbae4babae6b091e6b395e999a2222c226c6173744576656e74223a7b2273657175656e6365223a312c226b696e64223a225355424d4954544544222c226f636375727265644174223a22323032362d31322d30355431393a30373a34372e3438393735342b30303a3030222c226163746f72223a7b226b696e64223a22506c6174666f726d222c226964223a226b617368692d6d6564696174696f6e227d2c227374617475734166746572223a225265636569766564222c2264657461696c73223a7b227061796c6f61645f736861323536223a2262313562343236303731653639323031666131303936626630613366353464646231656565346239313262333236663831633866653361643434343263346430222c22636f7572745f636f6465223a22e696b030313032227d7d7d', '2026-12-05 19:07:47.491319+00', 1);


--
-- Data for Name: orleansquery; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.orleansquery (querykey, querytext) VALUES ('CleanupDefunctSiloEntriesKey', 'DELETE FROM orleans_membership WHERE deployment_id = @DeploymentId AND iamalive_time < @IAmAliveTime AND status <> 3');
INSERT INTO public.orleansquery (querykey, querytext) VALUES ('CleanupDefunctSiloEntryKey', 'DELETE FROM orleans_membership WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation AND status = 6');
INSERT INTO public.orleansquery (querykey, querytext) VALUES ('ClearStorageKey', 'WITH updated AS ( UPDATE orleans_storage SET payload = NULL, modified_on = now(), version = version + 1 WHERE service_id = @ServiceId AND grain_type = @GrainTypeString AND grain_id_ext = COALESCE(@GrainIdExtensionString, '''') AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND version = @GrainStateVersion::int AND @GrainTypeString <> ''application'' RETURNING version ) SELECT COALESCE((SELECT version FROM updated), @GrainStateVersion::int) AS "NewGrainStateVersion"');
INSERT INTO public.orleansquery (querykey, querytext) VALUES ('DeleteMembershipTableEntriesKey', 'WITH members AS ( DELETE FROM orleans_membership WHERE deployment_id = @DeploymentId RETURNING 1 ) DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId');
INSERT INTO public.orleansquery (querykey, querytext) VALUES ('DeleteReminderRowKey', 'WITH deleted AS ( DELETE FROM orleans_reminders WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName AND version = @Version RETURNING 1 ) SELECT count(*)::int FROM deleted');
INSERT INTO public.orleansquery (querykey, querytext) VALUES ('DeleteReminderRowsKey', 'DELETE FROM orleans_reminders WHERE service_id = @ServiceId');
INSERT INTO public.orleansquery (querykey, querytext) VALUES ('DeleteStorageKey', 'WITH deleted AS ( DELETE FROM orleans_storage WHERE service_id = @ServiceId AND grain_type = @GrainTypeString AND grain_id_ext = COALESCE(@GrainIdExtensionString, '''') AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND version = @GrainStateVersion::int AND @GrainTypeString <> ''application'' RETURNING version ) SELECT COALESCE((SELECT version + 1 FROM deleted), @GrainStateVersion::int) AS "NewGrainStateVersion"');
INSERT INTO public.orleansquery (querykey, querytext) VALUES ('GatewaysQueryKey', 'SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation" FROM orleans_membership WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0');
INSERT INTO public.orleansquery (querykey, querytext) VALUES ('InsertMembershipKey', 'WITH bumped AS ( UPDATE orleans_membership_version SET version = version + 1, stamp = now() WHERE deployment_id = @DeploymentId AND version = @Version RETURNING 1 ), inserted AS ( INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port, start_time, iamalive_time) SELECT @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime FROM bumped ON CONFLICT DO NOTHING RETURNING 1 ) SELECT count(*)::int FROM inserted');
INSERT INTO public.orleansquery (querykey, querytext) VALUES ('InsertMembershipVersionKey', 'WITH inserted AS ( INSERT INTO orleans_membership_version (deployment_id, stamp, version) VALUES (@DeploymentId, now(), 0) ON CONFLICT DO NOTHING RETURNING 1 ) SELECT count(*)::int FROM inserted');
INSERT INTO public.orleansquery (querykey, querytext) VALUES ('MembershipReadAllKey', 'SELECT v.deployment_id AS "DeploymentId", m.address AS "Address", m.port AS "Port", m.generation AS "Generation", m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort", m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.iamalive_time AS "IAmAliveTime", v.version AS "Version" FROM orleans_membership_version v LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id WHERE v.deployment_id = @DeploymentId');
INSERT INTO public.orleansquery (querykey, querytext) VALUES ('MembershipReadRowKey', 'SELECT v.deployment_id AS "DeploymentId", m.address AS "Address", m.port AS "Port", m.generation AS "Generation", m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort", m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.iamalive_time AS "IAmAliveTime", v.version AS "Version" FROM orleans_membership_version v LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id AND m.address = @Address AND m.port = @Port AND m.generation = @Generation WHERE v.deployment_id = @DeploymentId');
INSERT INTO public.orleansquery (querykey, querytext) VALUES ('ReadFromStorageKey', 'SELECT payload AS "PayloadBinary", modified_on AS "ModifiedOn", version AS "Version" FROM orleans_storage WHERE service_id = @ServiceId AND grain_type = @GrainTypeString AND grain_id_ext = COALESCE(@GrainIdExtensionString, '''') AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1');
INSERT INTO public.orleansquery (querykey, querytext) VALUES ('ReadRangeRows1Key', 'SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period", version AS "Version" FROM orleans_reminders WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash');
INSERT INTO public.orleansquery (querykey, querytext) VALUES ('ReadRangeRows2Key', 'SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period", version AS "Version" FROM orleans_reminders WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)');
INSERT INTO public.orleansquery (querykey, querytext) VALUES ('ReadReminderRowKey', 'SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period", version AS "Version" FROM orleans_reminders WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName');
INSERT INTO public.orleansquery (querykey, querytext) VALUES ('ReadReminderRowsKey', 'SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period", version AS "Version" FROM orleans_reminders WHERE service_id = @ServiceId AND grain_id = @GrainId');
INSERT INTO public.orleansquery (querykey, querytext) VALUES ('UpdateIAmAlivetimeKey', 'UPDATE orleans_membership SET iamalive_time = @IAmAliveTime WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation');
INSERT INTO public.orleansquery (querykey, querytext) VALUES ('UpdateMembershipKey', 'WITH bumped AS ( UPDATE orleans_membership_version SET version = version + 1, stamp = now() WHERE deployment_id = @DeploymentId AND version = @Version RETURNING 1 ), updated AS ( UPDATE orleans_membership SET status = @Status, suspect_times = @SuspectTimes, iamalive_time = @IAmAliveTime WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation AND EXISTS (SELECT 1 FROM bumped) RETURNING 1 ) SELECT count(*)::int FROM updated');
INSERT INTO public.orleansquery (querykey, querytext) VALUES ('UpsertReminderRowKey', 'INSERT INTO orleans_reminders AS r (service_id, grain_id, reminder_name, start_time, period, grain_hash, version) VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0) ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE SET start_time = EXCLUDED.start_time, period = EXCLUDED.period, grain_hash = EXCLUDED.grain_hash, version = r.version + 1 RETURNING version AS "Version"');
INSERT INTO public.orleansquery (querykey, querytext) VALUES ('WriteToStorageKey', 'WITH doc AS ( SELECT convert_from(@PayloadBinary, ''UTF8'')::jsonb AS d WHERE @GrainTypeString = ''application'' ), numbered AS ( SELECT d->''draft''->>''courtCode'' AS court_code, d->>''caseTypeCode'' AS case_type_code, (d->>''caseYear'')::int AS case_year, exchange_take_case_number(d->''draft''->>''courtCode'', d->>''caseTypeCode'', (d->>''caseYear'')::int) AS last_sequence FROM doc WHERE d->>''caseYear'' IS NOT NULL AND d->>''caseSequence'' IS NULL AND @GrainStateVersion::int IS NOT NULL AND EXISTS ( SELECT 1 FROM orleans_storage WHERE service_id = @ServiceId AND grain_type = @GrainTypeString AND grain_id_ext = COALESCE(@GrainIdExtensionString, '''') AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND version = @GrainStateVersion::int) ), final AS ( SELECT CASE WHEN n.last_sequence IS NULL THEN doc.d ELSE jsonb_set(doc.d, ''{caseSequence}'', to_jsonb(n.last_sequence)) END AS d, n.last_sequence, ''（'' || n.case_year || ''）'' || n.court_code || n.case_type_code || n.last_sequence || ''号'' AS case_number FROM doc LEFT JOIN numbered n ON true ), inserted AS ( INSERT INTO orleans_storage (service_id, grain_type, grain_id_ext, grain_id_n0, grain_id_n1, grain_id_hash, grain_type_hash, payload, modified_on, version) SELECT @ServiceId, @GrainTypeString, COALESCE(@GrainIdExtensionString, ''''), @GrainIdN0, @GrainIdN1, @GrainIdHash, @GrainTypeHash, @PayloadBinary, now(), 1 WHERE @GrainStateVersion::int IS NULL AND NOT EXISTS ( SELECT 1 FROM doc JOIN exchange_applications a ON a.platform_id = d->>''platformId'' AND a.platform_case_id = d->''draft''->>''platformCaseId'' AND a.application_type = d->''draft''->>''type'') ON CONFLICT DO NOTHING RETURNING version ), updated AS ( UPDATE orleans_storage SET payload = CASE WHEN EXISTS (SELECT 1 FROM numbered) THEN convert_to((SELECT d::text FROM final), ''UTF8'') ELSE @PayloadBinary END, modified_on = now(), version = version + 1 WHERE @GrainStateVersion::int IS NOT NULL AND service_id = @ServiceId AND grain_type = @GrainTypeString AND grain_id_ext = COALESCE(@GrainIdExtensionString, '''') AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND version = @GrainStateVersion::int RETURNING version ), written AS ( SELECT version FROM inserted UNION ALL SELECT version FROM updated ), projected AS ( INSERT INTO exchange_applications AS a (application_id, platform_id, platform_case_id, application_type, court_code, status, received_at, updated_at, version, payload_sha256, withdrawal_requested_at, case_year, case_type_code, case_sequence, accepted_at, ruled_at, next_deadline_at, next_deadline_kind, watch_at) SELECT (d->>''applicationId'')::uuid, d->>''platformId'', d->''draft''->>''platformCaseId'', d->''draft''->>''type'', d->''draft''->>''courtCode'', d->>''status'', (d->>''receivedAt'')::timestamptz, (d->>''updatedAt'')::timestamptz, w.version, d->>''payloadSha256'', (d->>''withdrawalRequestedAt'')::timestamptz, (d->>''caseYear'')::int, d->>''caseTypeCode'', (d->>''caseSequence'')::bigint, (d->>''acceptedAt'')::timestamptz, (d->>''ruledAt'')::timestamptz, (d->''deadlines''->0->>''closesAt'')::timestamptz, d->''deadlines''->0->>''kind'', (d->>''watchAt'')::timestamptz FROM final, written w ON CONFLICT (application_id) DO UPDATE SET status = EXCLUDED.status, updated_at = EXCLUDED.updated_at, version = EXCLUDED.version, withdrawal_requested_at = EXCLUDED.withdrawal_requested_at, case_year = EXCLUDED.case_year, case_type_code = EXCLUDED.case_type_code, case_sequence = EXCLUDED.case_sequence, accepted_at = EXCLUDED.accepted_at, ruled_at = EXCLUDED.ruled_at, next_deadline_at = EXCLUDED.next_deadline_at, next_deadline_kind = EXCLUDED.next_deadline_kind, watch_at = EXCLUDED.watch_at RETURNING 1 ), appended AS ( INSERT INTO exchange_events (application_id, seq, occurred_at, kind, actor_kind, actor_id, actor_name, reason, status_after, details) SELECT (d->>''applicationId'')::uuid, CASE WHEN (e->>''sequence'')::int = w.version THEN w.version ELSE (''event sequence '' || (e->>''sequence'') || '' does not match state version '' || w.version)::int END, (e->>''occurredAt'')::timestamptz, e->>''kind'', e->''actor''->>''kind'', e->''actor''->>''id'', e->''actor''->>''name'', e->>''reason'', e->>''statusAfter'', CASE WHEN final.case_number IS NULL THEN e->''details'' ELSE COALESCE(e->''details'', ''{}''::jsonb) || jsonb_build_object(''case_number'', final.case_number) END FROM final, written w, LATERAL (SELECT final.d->''lastEvent'' AS e) ev WHERE jsonb_typeof(e) = ''object'' AND (e->>''sequence'')::int >= w.version RETURNING 1 ) SELECT COALESCE( (SELECT version FROM written), (SELECT (''case number '' || last_sequence || '' taken without a state write'')::int FROM numbered WHERE last_sequence IS NOT NULL), @GrainStateVersion::int) AS "NewGrainStateVersion"');


--
-- Name: exchange_admin_events_event_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.exchange_admin_events_event_id_seq', 1, true);


--
-- Name: exchange_events_feed_position_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.exchange_events_feed_position_seq', 22, true);


--
-- Name: exchange_admin_bootstrap exchange_admin_bootstrap_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.exchange_admin_bootstrap
    ADD CONSTRAINT exchange_admin_bootstrap_pkey PRIMARY KEY (singleton);


--
-- Name: exchange_admin_events exchange_admin_events_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.exchange_admin_events
    ADD CONSTRAINT exchange_admin_events_pkey PRIMARY KEY (event_id);


--
-- Name: exchange_admin_requests exchange_admin_requests_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.exchange_admin_requests
    ADD CONSTRAINT exchange_admin_requests_pkey PRIMARY KEY (request_hash);


--
-- Name: exchange_applications exchange_applications_idempotency; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.exchange_applications
    ADD CONSTRAINT exchange_applications_idempotency UNIQUE (platform_id, platform_case_id, application_type);


--
-- Name: exchange_applications exchange_applications_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.exchange_applications
    ADD CONSTRAINT exchange_applications_pkey PRIMARY KEY (application_id);


--
-- Name: exchange_attachment_contents exchange_attachment_contents_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.exchange_attachment_contents
    ADD CONSTRAINT exchange_attachment_contents_pkey PRIMARY KEY (sha256);


--
-- Name: exchange_case_sequences exchange_case_sequences_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.exchange_case_sequences
    ADD CONSTRAINT exchange_case_sequences_pkey PRIMARY KEY (court_code, case_type_code, case_year);


--
-- Name: exchange_credentials exchange_credentials_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.exchange_credentials
    ADD CONSTRAINT exchange_credentials_pkey PRIMARY KEY (key_hash);


--
-- Name: exchange_events exchange_events_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.exchange_events
    ADD CONSTRAINT exchange_events_pkey PRIMARY KEY (application_id, seq);


--
-- Name: exchange_platforms exchange_platforms_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.exchange_platforms
    ADD CONSTRAINT exchange_platforms_pkey PRIMARY KEY (platform_id);


--
-- Name: orleans_membership orleans_membership_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orleans_membership
    ADD CONSTRAINT orleans_membership_pkey PRIMARY KEY (deployment_id, address, port, generation);


--
-- Name: orleans_membership_version orleans_membership_version_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orleans_membership_version
    ADD CONSTRAINT orleans_membership_version_pkey PRIMARY KEY (deployment_id);


--
-- Name: orleans_reminders orleans_reminders_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orleans_reminders
    ADD CONSTRAINT orleans_reminders_pkey PRIMARY KEY (service_id, grain_id, reminder_name);


--
-- Name: orleans_storage orleans_storage_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orleans_storage
    ADD CONSTRAINT orleans_storage_pkey PRIMARY KEY (service_id, grain_type, grain_id_ext, grain_id_n0, grain_id_n1);


--
-- Name: orleansquery orleansquery_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orleansquery
    ADD CONSTRAINT orleansquery_pkey PRIMARY KEY (querykey);


--
-- Name: exchange_applications_case_number; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX exchange_applications_case_number ON public.exchange_applications USING btree (court_code, case_type_code, case_year, case_sequence) WHERE (case_sequence IS NOT NULL);


--
-- Name: exchange_applications_docket; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX exchange_applications_docket ON public.exchange_applications USING btree (court_code, next_deadline_at, application_id);


--
-- Name: exchange_applications_platform_received; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX exchange_applications_platform_received ON public.exchange_applications USING btree (platform_id, received_at DESC, application_id DESC);


--
-- Name: exchange_applications_watch; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX exchange_applications_watch ON public.exchange_applications USING btree (watch_at) WHERE (watch_at IS NOT NULL);


--
-- Name: exchange_credentials_created; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX exchange_credentials_created ON public.exchange_credentials USING btree (created_at DESC, key_prefix DESC);


--
-- Name: exchange_credentials_prefix; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX exchange_credentials_prefix ON public.exchange_credentials USING btree (key_prefix);


--
-- Name: exchange_credentials_principal; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX exchange_credentials_principal ON public.exchange_credentials USING btree (principal_kind, principal_id);


--
-- Name: exchange_events_feed; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX exchange_events_feed ON public.exchange_events USING btree (feed_position);


--
-- Name: orleans_reminders_hash; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX orleans_reminders_hash ON public.orleans_reminders USING btree (service_id, grain_hash);


--
-- Name: exchange_credentials exchange_credentials_changed; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER exchange_credentials_changed AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.exchange_credentials FOR EACH STATEMENT EXECUTE FUNCTION public.exchange_notify_credentials_changed();


--
-- PostgreSQL database dump complete
--

\unrestrict TByj3MW6iOiiYJa3fkZtFehyAffbcbnAulbGEj19FRh7iFEg4QgYdrNORc1S61p

