package dev.pulsecrm.support.survey;

/** NPS scores 0–10 ("how likely are you to recommend us"), CSAT 1–5 ("how satisfied were you"). */
public enum SurveyType {

	NPS(0, 10), CSAT(1, 5);

	private final int min;

	private final int max;

	SurveyType(int min, int max) {
		this.min = min;
		this.max = max;
	}

	public boolean accepts(int score) {
		return score >= this.min && score <= this.max;
	}

	public int min() {
		return this.min;
	}

	public int max() {
		return this.max;
	}
}
