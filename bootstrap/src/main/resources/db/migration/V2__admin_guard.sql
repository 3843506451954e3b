-- One row that every change able to remove an active administrator locks first (SELECT ... FOR UPDATE), so that
-- such changes run one after another and the last-admin guard cannot be beaten by two concurrent demotions.
CREATE TABLE admin_guard (
    id INT NOT NULL PRIMARY KEY
);
INSERT INTO admin_guard (id) VALUES (1);
