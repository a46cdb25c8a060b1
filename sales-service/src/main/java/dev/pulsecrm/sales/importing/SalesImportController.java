package dev.pulsecrm.sales.importing;

import java.io.IOException;
import java.io.InputStream;

import dev.pulsecrm.platform.ndjson.NdjsonImport.ImportReport;
import io.swagger.v3.oas.annotations.Operation;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SalesImportController {

	private final SalesImportService imports;

	SalesImportController(SalesImportService imports) {
		this.imports = imports;
	}

	@PostMapping(path = "/api/sales/import",
			consumes = { "application/x-ndjson", "text/plain", "application/json" })
	@Operation(summary = "Bulk import (NDJSON)",
			description = "One record per line with type account, deal (with stageHistory, wonAt/finalAmount or "
					+ "lostAt/lossReason), stage, win, lose, churn or activity; see docs/import-format.md. "
					+ "Each line is applied on its own; a bad line is reported and skipped.")
	ImportReport importLines(InputStream body) throws IOException {
		return this.imports.lines().run(body);
	}
}
