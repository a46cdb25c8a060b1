package dev.pulsecrm.client.marketing;

public enum RuleOp {

	EQ, IN, CONTAINS, GTE, LTE

}
