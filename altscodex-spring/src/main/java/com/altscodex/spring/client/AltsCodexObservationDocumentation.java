package com.altscodex.spring.client;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations of the AltsCodex client and its callback endpoint. Their key values
 * name the client and the outcome, never a token, JWT, code, state or user id.
 */
public enum AltsCodexObservationDocumentation implements ObservationDocumentation {

	/**
	 * A sign-in with a browser JWT ({@link AltsCodexClient#getSlotInfo(String)}): the
	 * {@code authorize} call, the wait for the callback and the code exchange, until the
	 * slot info or the failure. Parent of the WebClient observation of
	 * {@code authorize}.
	 */
	LOGIN {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultLoginObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { LowCardinalityKeyNames.CLIENT, LowCardinalityKeyNames.OUTCOME };
		}

	},

	/**
	 * An exchange of a code for the slot info ({@link AltsCodexClient#exchangeCode(String)}):
	 * in the popup flow a child of the login whose callback brought the code, in the
	 * redirect flow a child of whatever observation the caller runs in. Parent of the
	 * WebClient observation of {@code get_token}.
	 */
	CODE_EXCHANGE {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultCodeExchangeObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { LowCardinalityKeyNames.CLIENT, LowCardinalityKeyNames.OUTCOME };
		}

	},

	/**
	 * A DeOAuth callback received by the callback endpoint, until the pending-login
	 * registry has delivered it to the login that owns its state.
	 */
	CALLBACK {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultCallbackObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { LowCardinalityKeyNames.CLIENT, LowCardinalityKeyNames.STATE };
		}

	};

	/**
	 * The low-cardinality keys of the observations.
	 */
	public enum LowCardinalityKeyNames implements KeyName {

		/**
		 * Registration name of the client, such as {@code default} or {@code shop};
		 * {@code none} for a callback no client knew.
		 */
		CLIENT {

			@Override
			public String asString() {
				return "client";
			}

		},

		/**
		 * How a login or code exchange ended: {@code success}, {@code expired},
		 * {@code failed}, {@code rejected}, {@code timeout}, {@code shutdown},
		 * {@code http_error} or {@code cancelled} (see {@link LoginOutcome}).
		 */
		OUTCOME {

			@Override
			public String asString() {
				return "outcome";
			}

		},

		/**
		 * What a callback's state matched: {@code known} (a pending login, now settled by
		 * this callback), {@code duplicate} (a pending login another callback already
		 * claimed) or {@code unknown} (no pending login, or one that has ended).
		 */
		STATE {

			@Override
			public String asString() {
				return "state";
			}

		}

	}

}
