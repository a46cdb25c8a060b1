package dev.pulsecrm.platform.security;

import java.util.Set;

import dev.pulsecrm.platform.problem.ProblemException;
import org.springframework.http.HttpStatus;

/**
 * Who is making the current request, as the JWT says: user id, team and roles ({@code SALES}, {@code MARKETING},
 * {@code SUPPORT}, {@code MANAGER}, {@code ADMIN}). Object-level rules are asked of it.
 */
public record Caller(String userId, String team, Set<String> roles) {

	/** The caller used when security is off (tests of a single service, internal jobs): may do everything. */
	public static final Caller SYSTEM = new Caller("system", null, Set.of("ADMIN", "MANAGER"));

	public boolean hasRole(String role) {
		return this.roles.contains(role);
	}

	public boolean isManagerOrAdmin() {
		return hasRole("MANAGER") || hasRole("ADMIN");
	}

	/** A record may be changed by its owner, a member of its team, or a manager/admin. */
	public boolean mayChange(String ownerId, String ownerTeam) {
		return isManagerOrAdmin() || (this.userId != null && this.userId.equals(ownerId))
				|| (this.team != null && this.team.equals(ownerTeam));
	}

	/** 403 unless {@link #mayChange}. */
	public void requireMayChange(String what, String ownerId, String ownerTeam) {
		if (!mayChange(ownerId, ownerTeam)) {
			throw new ProblemException(HttpStatus.FORBIDDEN,
					"only the owner, the owner's team or a manager may change this " + what, java.util.List.of());
		}
	}
}
