package dev.roster.adapters.out.persistence.jdbc.lifecycle;

import dev.roster.adapters.out.persistence.jdbc.SqlTimestamps;
import dev.roster.application.port.out.lifecycle.FileRepository;
import dev.roster.domain.user.OwnedFile;
import dev.roster.domain.user.UserId;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** {@link FileRepository} in {@code user_files}. */
@Singleton
final class JdbcFileRepository implements FileRepository {
    private final JdbcOperations jdbc;

    JdbcFileRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void add(OwnedFile file) {
        jdbc.prepareStatement("INSERT INTO user_files (id, owner_id, name, size_bytes, content_type, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)", statement -> {
            statement.setObject(1, file.id());
            statement.setObject(2, file.owner().value());
            statement.setString(3, file.name());
            statement.setLong(4, file.sizeBytes());
            statement.setString(5, file.contentType());
            statement.setObject(6, SqlTimestamps.of(file.createdAt()));
            return statement.executeUpdate();
        });
    }

    @Override
    public List<OwnedFile> findByOwner(UserId owner) {
        return jdbc.prepareStatement("SELECT id, name, size_bytes, content_type, created_at FROM user_files "
                + "WHERE owner_id = ? ORDER BY created_at, id", statement -> {
            statement.setObject(1, owner.value());
            List<OwnedFile> files = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    files.add(new OwnedFile(rows.getObject(1, UUID.class), owner, rows.getString(2), rows.getLong(3),
                            rows.getString(4), rows.getObject(5, OffsetDateTime.class).toInstant()));
                }
            }
            return files;
        });
    }

    @Override
    public long countByOwner(UserId owner) {
        return jdbc.prepareStatement("SELECT COUNT(*) FROM user_files WHERE owner_id = ?", statement -> {
            statement.setObject(1, owner.value());
            try (ResultSet count = statement.executeQuery()) {
                count.next();
                return count.getLong(1);
            }
        });
    }

    @Override
    public boolean delete(UserId owner, UUID fileId) {
        return jdbc.prepareStatement("DELETE FROM user_files WHERE owner_id = ? AND id = ?", statement -> {
            statement.setObject(1, owner.value());
            statement.setObject(2, fileId);
            return statement.executeUpdate() > 0;
        });
    }

    @Override
    public long deleteAllOf(UserId owner) {
        return jdbc.prepareStatement("DELETE FROM user_files WHERE owner_id = ?", statement -> {
            statement.setObject(1, owner.value());
            return (long) statement.executeUpdate();
        });
    }
}
