package dev.pulsecrm.sales.deal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.pulsecrm.platform.money.Money;
import dev.pulsecrm.platform.problem.ProblemException;
import dev.pulsecrm.sales.pipeline.Pipeline;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A sales opportunity moving through the pipeline. {@code stageHistory} records every stage visit; a move, a win or
 * a loss closes the open visit. The numbers the facts aggregate are stored when they become known ({@code
 * amountCents}, {@code cycleMillis}, {@code leadToCustomerMillis}, each visit's {@code durationMillis}), and the
 * account's region, segment and industry are copied in at creation, so MongoDB needs no joins or date arithmetic.
 */
@Document("deals")
@CompoundIndex(name = "status_stage", def = "{'status': 1, 'stage': 1}")
@CompoundIndex(name = "status_expected_close", def = "{'status': 1, 'expectedCloseOn': 1}")
@CompoundIndex(name = "visit_exits", def = "{'stageHistory.exitedAt': 1}")
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
		isGetterVisibility = Visibility.NONE)
public class Deal {

	@Id
	private String id;

	@Indexed(unique = true, sparse = true)
	private String externalId;

	@Indexed
	private String accountId;

	private String name;

	@Indexed
	private String ownerId;

	@Indexed
	private String team;

	private Money amount;

	@JsonIgnore
	private long amountCents;

	private DealType type;

	private DealStatus status;

	private String stage;

	private LocalDate expectedCloseDate;

	/** {@code expectedCloseDate} as {@code YYYY-MM-DD}: compares as a string on every backend, in any time zone. */
	@JsonIgnore
	private String expectedCloseOn;

	private String campaignId;

	/** Unique: one converted lead becomes one deal, even under concurrent retries of the conversion. */
	@Indexed(unique = true, sparse = true)
	private String sourceLeadId;

	private Instant leadCreatedAt;

	@Indexed
	private Instant createdAt;

	private List<StageVisit> stageHistory;

	@Indexed(sparse = true)
	private Instant wonAt;

	@Indexed(sparse = true)
	private Instant lostAt;

	/** wonAt or lostAt: "deals closed in period" in one range query. */
	@Indexed(sparse = true)
	private Instant closedAt;

	private String lossReason;

	private String region;

	private String segment;

	private String industry;

	@JsonIgnore
	private Long cycleMillis;

	@JsonIgnore
	private Long leadToCustomerMillis;

	@Version
	@JsonIgnore
	private Long version;

	Deal() {
		// for the object mapper
	}

	/** A new open deal in {@code stage} from {@code createdAt}; the caller has checked the stage and account. */
	static Deal open(NewDeal spec) {
		Deal deal = new Deal();
		deal.externalId = spec.externalId();
		deal.accountId = spec.accountId();
		deal.name = spec.name();
		deal.ownerId = spec.ownerId();
		deal.team = spec.team();
		deal.setAmount(spec.amount());
		deal.type = spec.type();
		deal.status = DealStatus.OPEN;
		deal.stage = spec.stage();
		deal.expectedCloseDate = spec.expectedCloseDate();
		deal.expectedCloseOn = spec.expectedCloseDate() == null ? null : spec.expectedCloseDate().toString();
		deal.campaignId = spec.campaignId();
		deal.sourceLeadId = spec.sourceLeadId();
		if (spec.leadCreatedAt() != null && spec.leadCreatedAt().isAfter(spec.createdAt())) {
			throw ProblemException.invalid("leadCreatedAt", "must not be after the deal's createdAt");
		}
		deal.leadCreatedAt = spec.leadCreatedAt();
		deal.createdAt = spec.createdAt();
		deal.stageHistory = List.of(StageVisit.enter(spec.stage(), spec.createdAt()));
		deal.region = spec.region();
		deal.segment = spec.segment();
		deal.industry = spec.industry();
		return deal;
	}

	/** What a new deal is made of, after validation. */
	record NewDeal(String externalId, String accountId, String name, String ownerId, String team, Money amount,
			DealType type, String stage, LocalDate expectedCloseDate, String campaignId, String sourceLeadId,
			Instant leadCreatedAt, Instant createdAt, String region, String segment, String industry) {
	}

	public enum DealType {

		NEW_BUSINESS, UPSELL, CROSS_SELL, RENEWAL

	}

	public enum DealStatus {

		OPEN, WON, LOST

	}

	/**
	 * Moves the open deal to another configured stage at {@code at}: closes the open visit and opens a new one. A
	 * closed deal is a conflict (409) before anything else is looked at.
	 */
	void moveTo(String stage, Instant at, Pipeline pipeline) {
		requireOpen("move");
		pipeline.requireStage("stage", stage);
		if (stage.equals(this.stage)) {
			throw ProblemException.conflict("deal " + this.id + " is already in stage " + stage);
		}
		requireNotBeforeLastMove(at);
		List<StageVisit> history = closeOpenVisit(at);
		history.add(StageVisit.enter(stage, at));
		this.stageHistory = List.copyOf(history);
		this.stage = stage;
	}

	/** Wins the open deal at {@code at}, optionally at a final amount. */
	void win(Instant at, Money finalAmount) {
		requireOpen("win");
		requireNotBeforeLastMove(at);
		if (finalAmount != null) {
			setAmount(finalAmount);
		}
		this.stageHistory = List.copyOf(closeOpenVisit(at));
		this.status = DealStatus.WON;
		this.wonAt = at;
		this.closedAt = at;
		this.cycleMillis = at.toEpochMilli() - this.createdAt.toEpochMilli();
		this.leadToCustomerMillis = this.leadCreatedAt == null ? null
				: at.toEpochMilli() - this.leadCreatedAt.toEpochMilli();
	}

	/** Loses the open deal at {@code at} for {@code reason}. */
	void lose(String reason, Instant at) {
		requireOpen("lose");
		requireNotBeforeLastMove(at);
		this.stageHistory = List.copyOf(closeOpenVisit(at));
		this.status = DealStatus.LOST;
		this.lostAt = at;
		this.closedAt = at;
		this.lossReason = reason;
	}

	private void setAmount(Money money) {
		this.amount = money;
		this.amountCents = money.cents();
	}

	private void requireOpen(String action) {
		if (this.status != DealStatus.OPEN) {
			throw ProblemException.conflict("cannot " + action + " deal " + this.id + ": it is " + this.status);
		}
	}

	private void requireNotBeforeLastMove(Instant at) {
		Instant last = lastMoveAt();
		if (at.isBefore(last)) {
			throw ProblemException.invalid("at", "must not be before the deal's last stage change (" + last + ")");
		}
	}

	Instant lastMoveAt() {
		return this.stageHistory.get(this.stageHistory.size() - 1).enteredAt();
	}

	private List<StageVisit> closeOpenVisit(Instant at) {
		List<StageVisit> history = new ArrayList<>(this.stageHistory);
		int last = history.size() - 1;
		if (history.get(last).isOpen()) {
			history.set(last, history.get(last).exit(at));
		}
		return history;
	}

	public String id() {
		return this.id;
	}

	public String externalId() {
		return this.externalId;
	}

	public String accountId() {
		return this.accountId;
	}

	public String name() {
		return this.name;
	}

	public String ownerId() {
		return this.ownerId;
	}

	public String team() {
		return this.team;
	}

	public Money amount() {
		return this.amount;
	}

	public DealType type() {
		return this.type;
	}

	public DealStatus status() {
		return this.status;
	}

	public String stage() {
		return this.stage;
	}

	public LocalDate expectedCloseDate() {
		return this.expectedCloseDate;
	}

	public String campaignId() {
		return this.campaignId;
	}

	public String sourceLeadId() {
		return this.sourceLeadId;
	}

	public Instant leadCreatedAt() {
		return this.leadCreatedAt;
	}

	public Instant createdAt() {
		return this.createdAt;
	}

	public List<StageVisit> stageHistory() {
		return this.stageHistory;
	}

	public Instant wonAt() {
		return this.wonAt;
	}

	public Instant lostAt() {
		return this.lostAt;
	}

	public String lossReason() {
		return this.lossReason;
	}

	public String region() {
		return this.region;
	}

	public String segment() {
		return this.segment;
	}

	public String industry() {
		return this.industry;
	}

	public Long cycleMillis() {
		return this.cycleMillis;
	}

	public Long leadToCustomerMillis() {
		return this.leadToCustomerMillis;
	}

	public Long version() {
		return this.version;
	}
}
