package org.jcn.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OutcomeTest {

    @Test
    void aSuccessHoldsItsValue() {
        Outcome<String> outcome = Outcome.success("page");
        assertTrue(outcome.isSuccess());
        assertEquals("page", outcome.value());
        IllegalStateException e = assertThrows(IllegalStateException.class, outcome::exception);
        assertEquals("the task succeeded with page: it has no exception", e.getMessage());
    }

    @Test
    void aFailureHoldsItsExceptionAndRefusesAValue() {
        IllegalStateException boom = new IllegalStateException("boom");
        Outcome<String> outcome = Outcome.failure(boom);
        assertFalse(outcome.isSuccess());
        assertSame(boom, outcome.exception());
        IllegalStateException e = assertThrows(IllegalStateException.class, outcome::value);
        assertEquals("the task failed with java.lang.IllegalStateException: boom: it has no value", e.getMessage());
        assertSame(boom, e.getCause());
    }

    @Test
    void outcomesTakeApartWithASwitch() {
        assertEquals("value 1", describe(Outcome.success(1)));
        assertEquals("failure boom", describe(Outcome.failure(new RuntimeException("boom"))));
    }

    @Test
    void outcomesAreValues() {
        assertEquals(Outcome.success(null), Outcome.success(null));
        assertEquals("Success[value=1]", Outcome.success(1).toString());
    }

    @Test
    void rejectsANullException() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> Outcome.failure(null));
        assertEquals("exception must not be null", e.getMessage());
    }

    private static String describe(Outcome<Integer> outcome) {
        return switch (outcome) {
            case Outcome.Success<Integer>(Integer value) -> "value " + value;
            case Outcome.Failure<Integer>(Throwable e) -> "failure " + e.getMessage();
        };
    }
}
