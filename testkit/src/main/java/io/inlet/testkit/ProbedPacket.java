package io.inlet.testkit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One packet as {@code ffprobe -show_packets -show_data_hash MD5} reports it. */
public record ProbedPacket(String type, long pts, long dts, int size, boolean keyframe, String md5) {

  /** Every packet of {@code file}, in file order. */
  public static List<ProbedPacket> probe(Path file) throws IOException, InterruptedException {
    String json = Ffmpeg.probe("-show_packets", "-show_data_hash", "MD5", "-of", "json", file.toString());
    JsonArray packets = new JsonObject(json).getJsonArray("packets", new JsonArray());
    List<ProbedPacket> result = new ArrayList<>();
    for (int i = 0; i < packets.size(); i++) {
      JsonObject p = packets.getJsonObject(i);
      String hash = p.getString("data_hash", "");
      result.add(new ProbedPacket(
          p.getString("codec_type"),
          number(p, "pts"),
          number(p, "dts"),
          (int) number(p, "size"),
          p.getString("flags", "").contains("K"),
          hash.startsWith("MD5:") ? hash.substring(4) : hash));
    }
    return result;
  }

  /** ffprobe writes some numbers as JSON numbers and some as strings. */
  private static long number(JsonObject packet, String field) {
    Object value = packet.getValue(field);
    return value == null ? 0 : Long.parseLong(value.toString());
  }
}
