package dev.troupe.media.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class S3SettingsTests {

	@Test
	void theSecretKeyIsNeverPrinted() {
		var settings = new S3Settings("media", "http://minio:9000", "", true, "troupe", "s3cr3t-value", "/troupe/",
				S3Settings.MIN_PART_SIZE);
		assertThat(settings.toString()).doesNotContain("s3cr3t-value").contains("minio:9000");
		assertThat(settings.region()).isEqualTo("us-east-1");
		assertThat(settings.prefix()).isEqualTo("troupe/");
	}

	@Test
	void misconfigurationsNameTheSetting() {
		assertThatThrownBy(() -> new S3Settings(" ", null, null, false, null, null, null, S3Settings.MIN_PART_SIZE))
			.hasMessageContaining("TROUPE_S3_BUCKET");
		assertThatThrownBy(() -> new S3Settings("b", "minio:9000", null, false, null, null, null, S3Settings.MIN_PART_SIZE))
			.hasMessageContaining("TROUPE_S3_ENDPOINT");
		assertThatThrownBy(() -> new S3Settings("b", null, null, false, "key", "", null, S3Settings.MIN_PART_SIZE))
			.hasMessageContaining("TROUPE_S3_SECRET_KEY");
		assertThatThrownBy(() -> new S3Settings("b", null, null, false, null, null, null, 1024 * 1024))
			.hasMessageContaining("TROUPE_S3_PART_SIZE");
	}
}
