package dev.pulsecrm.marketing;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The outcome of a create: the record, and whether it is new (201) or was found by its natural key (200). */
public record Created<T>(T value, boolean isNew) {

	public ResponseEntity<T> response() {
		return ResponseEntity.status(this.isNew ? HttpStatus.CREATED : HttpStatus.OK).body(this.value);
	}
}
