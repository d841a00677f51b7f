package io.inlet.auth.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyNamesTest {

  @ParameterizedTest
  @ValueSource(strings = {"cam1", "a", "A.b_c-9", "...", "-", "_x_",
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-"})
  void accepts(String name) {
    assertThat(KeyNames.isValid(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "cam 1", "cam/1", "cam1\n", "\u00e9t\u00e9", "a:b", "a@b", "a+b",
      "x%2F", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_"})
  void refuses(String name) {
    assertThat(KeyNames.isValid(name)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 63, 64})
  void acceptsLengthsUpTo64(int length) {
    assertThat(KeyNames.isValid("n".repeat(length))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {65, 1000})
  void refusesLongerNames(int length) {
    assertThat(KeyNames.isValid("n".repeat(length))).isFalse();
    assertThat(KeyNames.isValid(null)).isFalse();
  }
}
