package io.inlet.ingest.amf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class Amf0ObjectTest {

  @Test
  void typedGettersReturnNullWhenAbsentOrOfAnotherType() {
    Amf0Object object = new Amf0Object().with("s", "x").with("n", 2.0).with("b", true).with("i", 3);
    assertThat(object.string("s")).isEqualTo("x");
    assertThat(object.number("n")).isEqualTo(2.0);
    assertThat(object.number("i")).as("any Number").isEqualTo(3.0);
    assertThat(object.bool("b")).isTrue();
    assertThat(object.string("n")).isNull();
    assertThat(object.number("s")).isNull();
    assertThat(object.bool("missing")).isNull();
  }

  @Test
  void ecmaArrayHasTheSameHelpers() {
    Amf0EcmaArray array = new Amf0EcmaArray().with("s", "x").with("n", 2.0).with("b", false);
    assertThat(array.string("s")).isEqualTo("x");
    assertThat(array.number("n")).isEqualTo(2.0);
    assertThat(array.bool("b")).isFalse();
    assertThat(array.number("b")).isNull();
  }

  @Test
  void classNameTakesPartInEquality() {
    assertThat(new Amf0Object("A")).isNotEqualTo(new Amf0Object("B"));
    assertThat(new Amf0Object("A")).isNotEqualTo(new Amf0Object());
    assertThat(new Amf0Object("A").with("k", 1.0)).isEqualTo(new Amf0Object("A").with("k", 1.0));
    assertThat(new Amf0Object().with("k", 1.0)).isEqualTo(Map.of("k", 1.0));
    assertThat(new Amf0Object("A").hashCode()).isEqualTo(new Amf0Object("B").hashCode());
  }
}
