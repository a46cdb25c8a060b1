package dev.pulsecrm.marketing.scoring;

/** How a scoring rule compares a lead attribute with its value. */
public enum RuleOp {

	/** equal, ignoring case */
	EQ,
	/** equal to one of a list, ignoring case */
	IN,
	/** contains the text, ignoring case */
	CONTAINS,
	/** a number at least the value */
	GTE,
	/** a number at most the value */
	LTE

}
