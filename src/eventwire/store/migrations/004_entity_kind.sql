-- 004: Entity.kind: a name, or a pronoun / nominal mention that refers to an entity without naming it.
ALTER TABLE entities ADD COLUMN kind VARCHAR;
