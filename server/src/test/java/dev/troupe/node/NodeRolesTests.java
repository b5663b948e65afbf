package dev.troupe.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NodeRolesTests {

	@Test
	void bothByDefaultEitherAloneAndTypesRefusedNamingTheSetting() {
		var both = new NodeRoles("web,worker");
		assertThat(both.web()).isTrue();
		assertThat(both.worker()).isTrue();
		var web = new NodeRoles(" Web ");
		assertThat(web.web()).isTrue();
		assertThat(web.worker()).isFalse();
		assertThat(web).hasToString("web");
		var worker = new NodeRoles("worker,");
		assertThat(worker.web()).isFalse();
		assertThat(worker.worker()).isTrue();
		assertThatThrownBy(() -> new NodeRoles("web,wroker")).hasMessageContaining("TROUPE_ROLES")
			.hasMessageContaining("'wroker'");
		assertThatThrownBy(() -> new NodeRoles(" , ")).hasMessageContaining("TROUPE_ROLES").hasMessageContaining("empty");
	}

	@Test
	void aWorkerOnlyNodeKeepsHealthAndMetricsOpen() {
		assertThat(WorkerOnlyGate.open("/actuator/health")).isTrue();
		assertThat(WorkerOnlyGate.open("/actuator/health/readiness")).isTrue();
		assertThat(WorkerOnlyGate.open("/actuator/prometheus")).isTrue();
		assertThat(WorkerOnlyGate.open("/actuator/healthz")).isFalse();
		assertThat(WorkerOnlyGate.open("/api/v1/characters")).isFalse();
		assertThat(WorkerOnlyGate.open("/")).isFalse();
		assertThat(WorkerOnlyGate.open("/feeds/someone")).isFalse();
	}
}
