-- The change set of the schema-plan benchmark: applied to a copy of GitLab's schema (gl_old) it makes gl_new.
-- Written for this benchmark (not taken from GitLab): about what a few weeks of GitLab migrations look like.
-- Only non-partitioned tables are touched, so the change set stays within what the engine manages.
-- 21 added columns, 4 dropped columns, 4 type changes, 31 new indexes, 2 changed views, 2 changed functions,
-- 1 new table with 2 foreign keys, 1 new foreign key and 1 new check constraint on existing tables.

-- Added columns (some with defaults, some NOT NULL with a default, some nullable).
ALTER TABLE users ADD COLUMN last_seen_ip inet;
ALTER TABLE users ADD COLUMN pronouns text;
ALTER TABLE users ADD COLUMN email_opted_in_at timestamp with time zone;
ALTER TABLE projects ADD COLUMN archived_at timestamp with time zone;
ALTER TABLE projects ADD COLUMN topics_count integer DEFAULT 0 NOT NULL;
ALTER TABLE projects ADD COLUMN default_branch_protection smallint;
ALTER TABLE issues ADD COLUMN severity smallint DEFAULT 0 NOT NULL;
ALTER TABLE issues ADD COLUMN closed_by_merge_request_id bigint;
ALTER TABLE issues ADD COLUMN escalation_status text;
ALTER TABLE merge_requests ADD COLUMN merge_after timestamp with time zone;
ALTER TABLE merge_requests ADD COLUMN retargeted boolean DEFAULT false NOT NULL;
ALTER TABLE merge_requests ADD COLUMN diff_head_sha bytea;
ALTER TABLE labels ADD COLUMN archived boolean DEFAULT false NOT NULL;
ALTER TABLE labels ADD COLUMN text_color text;
ALTER TABLE milestones ADD COLUMN closed_at timestamp with time zone;
ALTER TABLE todos ADD COLUMN snoozed_until timestamp with time zone;
ALTER TABLE todos ADD COLUMN resolved_at timestamp with time zone;
ALTER TABLE members ADD COLUMN last_notified_at timestamp with time zone;
ALTER TABLE ci_runners ADD COLUMN sharding_key_id bigint;
ALTER TABLE ci_runners ADD COLUMN job_timeout_seconds integer DEFAULT 3600 NOT NULL;
ALTER TABLE events ADD COLUMN source text;

-- Dropped columns (unused ones, as GitLab's "remove column" migrations do).
ALTER TABLE users DROP COLUMN color_scheme_id;
ALTER TABLE projects DROP COLUMN bfg_object_map;
ALTER TABLE issues DROP COLUMN service_desk_reply_to;
ALTER TABLE members DROP COLUMN invite_email_success;

-- Type changes.
ALTER TABLE milestones ALTER COLUMN iid TYPE bigint;
ALTER TABLE labels ALTER COLUMN description TYPE text;
ALTER TABLE todos ALTER COLUMN commit_id TYPE character varying(64);
ALTER TABLE events ALTER COLUMN imported TYPE integer;

-- A check and a foreign key on existing tables.
ALTER TABLE labels ADD CONSTRAINT check_labels_text_color_length CHECK ((char_length(text_color) <= 7));
ALTER TABLE issues ADD CONSTRAINT fk_issues_closed_by_merge_request_id
    FOREIGN KEY (closed_by_merge_request_id) REFERENCES merge_requests(id) ON DELETE SET NULL;

-- A new table with foreign keys, a sequence, a check and indexes.
CREATE TABLE project_audit_notes (
    id bigint NOT NULL,
    project_id integer NOT NULL,
    author_id integer,
    note text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT check_project_audit_notes_note_length CHECK ((char_length(note) <= 10000))
);
CREATE SEQUENCE project_audit_notes_id_seq START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;
ALTER SEQUENCE project_audit_notes_id_seq OWNED BY project_audit_notes.id;
ALTER TABLE ONLY project_audit_notes ALTER COLUMN id SET DEFAULT nextval('project_audit_notes_id_seq'::regclass);
ALTER TABLE ONLY project_audit_notes ADD CONSTRAINT project_audit_notes_pkey PRIMARY KEY (id);
ALTER TABLE ONLY project_audit_notes
    ADD CONSTRAINT fk_project_audit_notes_project_id FOREIGN KEY (project_id) REFERENCES projects(id) ON DELETE CASCADE;
ALTER TABLE ONLY project_audit_notes
    ADD CONSTRAINT fk_project_audit_notes_author_id FOREIGN KEY (author_id) REFERENCES users(id) ON DELETE SET NULL;
COMMENT ON TABLE project_audit_notes IS 'Free-text notes maintainers attach to a project''s audit trail';

-- New indexes: plain, multi-column, partial, expression, unique, trigram, INCLUDE, descending.
CREATE INDEX index_project_audit_notes_on_project_id_and_created_at ON project_audit_notes USING btree (project_id, created_at);
CREATE INDEX index_project_audit_notes_on_author_id ON project_audit_notes USING btree (author_id);
CREATE INDEX index_users_on_last_seen_ip ON users USING btree (last_seen_ip) WHERE (last_seen_ip IS NOT NULL);
CREATE INDEX index_users_on_email_opted_in_at ON users USING btree (email_opted_in_at);
CREATE INDEX index_users_on_lower_public_email ON users USING btree (lower((public_email)::text));
CREATE INDEX index_users_on_state_and_last_activity_on ON users USING btree (state, last_activity_on DESC);
CREATE INDEX index_projects_on_archived_at ON projects USING btree (archived_at) WHERE (archived_at IS NOT NULL);
CREATE INDEX index_projects_on_namespace_id_and_topics_count ON projects USING btree (namespace_id, topics_count);
CREATE INDEX index_projects_on_name_trigram_lower ON projects USING gin (lower((name)::text) gin_trgm_ops);
CREATE INDEX index_projects_on_creator_id_include_visibility ON projects USING btree (creator_id) INCLUDE (visibility_level);
CREATE INDEX index_issues_on_severity ON issues USING btree (severity) WHERE (severity > 0);
CREATE INDEX index_issues_on_closed_by_merge_request_id ON issues USING btree (closed_by_merge_request_id);
CREATE INDEX index_issues_on_project_id_and_due_date_open ON issues USING btree (project_id, due_date) WHERE (state_id = 1);
CREATE INDEX index_issues_on_escalation_status ON issues USING btree (escalation_status);
CREATE INDEX index_issues_on_author_id_and_created_at_desc ON issues USING btree (author_id, created_at DESC);
CREATE INDEX index_merge_requests_on_merge_after ON merge_requests USING btree (merge_after) WHERE (merge_after IS NOT NULL);
CREATE INDEX index_merge_requests_on_retargeted ON merge_requests USING btree (target_project_id) WHERE retargeted;
CREATE INDEX index_merge_requests_on_author_id_and_state_id ON merge_requests USING btree (author_id, state_id);
CREATE INDEX index_merge_requests_on_title_trigram_v2 ON merge_requests USING gin (title gin_trgm_ops);
CREATE INDEX index_labels_on_archived ON labels USING btree (group_id, project_id) WHERE (archived = false);
CREATE INDEX index_labels_on_lower_title_v2 ON labels USING btree (lower((title)::text), project_id);
CREATE INDEX index_milestones_on_closed_at ON milestones USING btree (closed_at);
CREATE INDEX index_milestones_on_group_id_and_due_date ON milestones USING btree (group_id, due_date);
CREATE INDEX index_todos_on_snoozed_until ON todos USING btree (user_id, snoozed_until) WHERE (snoozed_until IS NOT NULL);
CREATE INDEX index_todos_on_resolved_at ON todos USING btree (resolved_at);
CREATE INDEX index_members_on_last_notified_at ON members USING btree (last_notified_at);
CREATE INDEX index_members_on_user_id_and_access_level ON members USING btree (user_id, access_level) WHERE (requested_at IS NULL);
CREATE INDEX index_ci_runners_on_sharding_key_id ON ci_runners USING btree (sharding_key_id) WHERE (sharding_key_id IS NOT NULL);
CREATE INDEX index_ci_runners_on_job_timeout_seconds ON ci_runners USING btree (job_timeout_seconds);
CREATE UNIQUE INDEX index_programming_languages_on_lower_name ON programming_languages USING btree (lower((name)::text));
CREATE INDEX index_events_on_source ON events USING btree (source) WHERE (source IS NOT NULL);

-- Changed views.
CREATE OR REPLACE VIEW postgres_sequences AS
 SELECT seq_pg_class.relname AS seq_name,
    dep_pg_class.relname AS table_name,
    pg_attribute.attname AS col_name,
    pg_sequence.seqmax AS max_value
   FROM ((((pg_class seq_pg_class
     JOIN pg_sequence ON ((pg_sequence.seqrelid = seq_pg_class.oid)))
     JOIN pg_depend ON ((seq_pg_class.oid = pg_depend.objid)))
     JOIN pg_class dep_pg_class ON ((pg_depend.refobjid = dep_pg_class.oid)))
     JOIN pg_attribute ON (((dep_pg_class.oid = pg_attribute.attrelid) AND (pg_depend.refobjsubid = pg_attribute.attnum))))
  WHERE (seq_pg_class.relkind = 'S'::"char");

DROP VIEW postgres_indexes;
CREATE VIEW postgres_indexes AS
 SELECT (((pg_namespace.nspname)::text || '.'::text) || (i.relname)::text) AS identifier,
    pg_index.indexrelid,
    pg_namespace.nspname AS schema,
    i.relname AS name,
    pg_indexes.tablename,
    a.amname AS type,
    pg_index.indisunique AS "unique",
    pg_index.indisvalid AS valid_index,
    i.relispartition AS partitioned,
    pg_index.indisexclusion AS exclusion,
    (pg_index.indexprs IS NOT NULL) AS expression,
    (pg_index.indpred IS NOT NULL) AS partial,
    pg_indexes.indexdef AS definition,
    pg_relation_size((i.oid)::regclass) AS ondisk_size_bytes
   FROM ((((pg_index
     JOIN pg_class i ON ((i.oid = pg_index.indexrelid)))
     JOIN pg_namespace ON ((i.relnamespace = pg_namespace.oid)))
     JOIN pg_indexes ON (((i.relname = pg_indexes.indexname) AND (pg_namespace.nspname = pg_indexes.schemaname))))
     JOIN pg_am a ON ((i.relam = a.oid)))
  WHERE ((pg_namespace.nspname <> ALL (ARRAY['pg_catalog'::name, 'information_schema'::name]))
    AND (pg_namespace.nspname = ANY (ARRAY["current_schema"(), 'gitlab_partitions_dynamic'::name, 'gitlab_partitions_static'::name])));

-- Changed functions.
CREATE OR REPLACE FUNCTION next_traversal_ids_sibling(traversal_ids integer[]) RETURNS integer[]
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
BEGIN
  IF array_length(traversal_ids, 1) IS NULL THEN
    RETURN traversal_ids;
  END IF;
  RETURN traversal_ids[1:array_length(traversal_ids, 1)-1] ||
  ARRAY[traversal_ids[array_length(traversal_ids, 1)]+1];
END;
$$;

CREATE OR REPLACE FUNCTION gitlab_schema_prevent_write() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF COALESCE(NULLIF(current_setting(CONCAT('lock_writes.', TG_TABLE_NAME), true), ''), 'true') THEN
      RAISE EXCEPTION 'Table: "%" is write protected within this GitLab database.', TG_TABLE_NAME
        USING ERRCODE = 'modifying_sql_data_not_permitted',
        HINT = 'Make sure you are using the right database connection, or unlock writes first';
    END IF;
    RETURN NEW;
END
$$;
