package dev.troupe.backup;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The tables of the public schema and their columns, parents before children (foreign keys). */
final class Tables {

	private Tables() {
	}

	static Map<String, List<String>> columns(Connection c) throws SQLException {
		var result = new LinkedHashMap<String, List<String>>();
		try (var rs = c.createStatement().executeQuery("""
				select c.table_name, c.column_name from information_schema.columns c
				join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
				where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
				order by c.table_name, c.ordinal_position""")) {
			while (rs.next()) {
				result.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
			}
		}
		return result;
	}

	/** {@code names} ordered so that a table comes after every table its foreign keys point at. */
	static List<String> parentsFirst(Connection c, Iterable<String> names) throws SQLException {
		var parents = new HashMap<String, Set<String>>();
		try (var rs = c.createStatement().executeQuery("""
				select child.relname, parent.relname from pg_constraint k
				join pg_class child on child.oid = k.conrelid join pg_class parent on parent.oid = k.confrelid
				where k.contype = 'f' and k.connamespace = 'public'::regnamespace""")) {
			while (rs.next()) {
				if (!rs.getString(1).equals(rs.getString(2))) {
					parents.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
				}
			}
		}
		var ordered = new ArrayList<String>();
		var visiting = new HashSet<String>();
		var wanted = new HashSet<String>();
		names.forEach(wanted::add);
		for (var name : names) {
			visit(name, parents, wanted, visiting, ordered);
		}
		return ordered;
	}

	private static void visit(String name, Map<String, Set<String>> parents, Set<String> wanted, Set<String> visiting,
			List<String> ordered) {
		if (ordered.contains(name) || !visiting.add(name)) {
			return; // done, or a cycle (none in Troupe's schema): the order within it cannot matter more
		}
		for (var parent : parents.getOrDefault(name, Set.of())) {
			if (wanted.contains(parent)) {
				visit(parent, parents, wanted, visiting, ordered);
			}
		}
		ordered.add(name);
	}

	static String quote(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

	static String columnList(List<String> columns) {
		return String.join(", ", columns.stream().map(Tables::quote).toList());
	}
}
