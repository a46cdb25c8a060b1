package dev.pulsecrm.platform.web;

import java.util.List;

import dev.pulsecrm.platform.problem.ProblemException;

/** A page of a list endpoint: {@code {"items": [...], "page": 0, "size": 50, "total": 1234}}. */
public record PageResponse<T>(List<T> items, int page, int size, long total) {

	public static final int MAX_SIZE = 500;

	/**
	 * Checks list parameters from a request: page ≥ 0, 1 ≤ size ≤ 500, and page × size within what MongoDB can skip
	 * (an int: a larger skip wrapped around and served an earlier page) (400 otherwise).
	 */
	public static void checkPaging(int page, int size) {
		if (page < 0) {
			throw ProblemException.badRequest("page", "must be 0 or more");
		}
		if (size < 1 || size > MAX_SIZE) {
			throw ProblemException.badRequest("size", "must be between 1 and " + MAX_SIZE);
		}
		if ((long) page * size > Integer.MAX_VALUE) {
			throw ProblemException.badRequest("page", "must be at most " + (Integer.MAX_VALUE / size) + " for size " + size);
		}
	}
}
