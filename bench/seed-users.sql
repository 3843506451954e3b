-- Seeds :users users into an empty Roster schema (run by bench/bulk-data.sh and bench/load.sh with psql -v users=N):
-- UUIDv7-like ids from the signup time, signups spread evenly over 2019-01-01 .. 2026-10-31, four mail domains,
-- display names from twelve first and sixteen last names, a phone number, the USER role and one attribute each.
-- The trigram indexes are dropped and rebuilt around the insert: building them once is much faster.
DROP INDEX ix_users_email_canonical_trgm;
DROP INDEX ix_users_display_name_lower_trgm;
INSERT INTO users (id, email, email_canonical, display_name, display_name_lower, phone, password_hash, status, active,
                   created_at, updated_at, version)
SELECT (lpad(to_hex((extract(epoch FROM ts) * 1000)::bigint), 12, '0') || '7' || substr(h, 1, 3) || '8' || substr(h, 4, 15))::uuid,
       'user' || i || '@' || domain, 'user' || i || '@' || domain,
       first || ' ' || last, lower(first || ' ' || last), '+4930' || lpad(i::text, 8, '0'), NULL, 'ACTIVE', true, ts, ts, 0
FROM (SELECT i, md5(i::text) AS h,
             timestamptz '2019-01-01 00:00:00+00' + (i::double precision / :users) * interval '2860 days' AS ts,
             (ARRAY['example.org','mail.test','corp.example','uni.example'])[1 + i % 4] AS domain,
             (ARRAY['Ada','Grace','Alan','Edsger','Barbara','Donald','Frances','John','Radia','Ken','Margaret','Linus'])[1 + i % 12] AS first,
             (ARRAY['Lovelace','Hopper','Turing','Dijkstra','Liskov','Knuth','Allen','Backus','Perlman','Thompson','Hamilton','Torvalds','Smith','Jones','Garcia','Müller'])[1 + (i / 12) % 16] AS last
      FROM generate_series(1, :users) AS i) AS s;
INSERT INTO user_roles (user_id, role)
  SELECT id, 'USER' FROM users WHERE NOT EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = users.id);
INSERT INTO user_attributes (user_id, attr_key, attr_value)
  SELECT id, 'team', (ARRAY['red','green','blue'])[1 + (hashtext(id::text) & 3) % 3] FROM users
  WHERE NOT EXISTS (SELECT 1 FROM user_attributes a WHERE a.user_id = users.id);
CREATE INDEX ix_users_email_canonical_trgm ON users USING gin (email_canonical gin_trgm_ops);
CREATE INDEX ix_users_display_name_lower_trgm ON users USING gin (display_name_lower gin_trgm_ops);
VACUUM ANALYZE users;
VACUUM ANALYZE user_roles;
VACUUM ANALYZE user_attributes;
