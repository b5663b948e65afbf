package dev.troupe.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Repository;

/**
 * The people who may sign in. E-mail addresses are unique regardless of case.
 */
@Repository
class Users implements UserDetailsService {

	private final JdbcClient jdbc;

	Users(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public TroupeUser loadUserByUsername(String email) {
		return findByEmail(email).orElseThrow(() -> new UsernameNotFoundException("No such user"));
	}

	Optional<TroupeUser> findByEmail(String email) {
		return jdbc.sql("select * from security_users where lower(email) = lower(?)").param(email).query(Users::map)
				.optional();
	}

	Optional<TroupeUser> findById(UUID id) {
		return jdbc.sql("select * from security_users where id = ?").param(id).query(Users::map).optional();
	}

	List<TroupeUser> findAll() {
		return jdbc.sql("select * from security_users order by created_at").query(Users::map).list();
	}

	boolean any() {
		return jdbc.sql("select exists (select 1 from security_users)").query(Boolean.class).single();
	}

	long countActiveOwners() {
		return jdbc.sql("select count(*) from security_users where role = 'OWNER' and not disabled").query(Long.class)
				.single();
	}

	void insert(TroupeUser user) {
		jdbc.sql("""
				insert into security_users (id, email, display_name, password_hash, role, disabled, created_at)
				values (?, ?, ?, ?, ?, ?, ?)""")
				.params(user.id(), user.email(), user.displayName(), user.passwordHash(), user.role().name(),
						user.disabled(), Timestamp.from(user.createdAt()))
				.update();
	}

	void update(TroupeUser user) {
		jdbc.sql("update security_users set display_name = ?, password_hash = ?, role = ?, disabled = ? where id = ?")
				.params(user.displayName(), user.passwordHash(), user.role().name(), user.disabled(), user.id())
				.update();
	}

	void delete(UUID id) {
		jdbc.sql("delete from security_users where id = ?").param(id).update();
	}

	private static TroupeUser map(ResultSet rs, int row) throws SQLException {
		return new TroupeUser(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("display_name"),
				rs.getString("password_hash"), Role.valueOf(rs.getString("role")), rs.getBoolean("disabled"),
				rs.getTimestamp("created_at").toInstant());
	}
}
