package io.inlet.testkit;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * One track of a source file, read with libavformat: the codec configuration record (extradata) and
 * the packets with millisecond timestamps, as the ingest side would put them on the event bus. Only
 * tests probe containers; the production path gets packets from RTMP.
 */
public record Demuxed(String codecName, byte[] extradata, int width, int height, int sampleRate, List<Packet> packets) {

  /** One coded frame. */
  public record Packet(byte[] data, long dtsMillis, long ptsMillis, boolean keyframe) {}

  /** The best stream of {@code mediaType} ({@code AVMEDIA_TYPE_VIDEO} / {@code _AUDIO}) in {@code file}. */
  public static Demuxed read(Path file, int mediaType) {
    AVFormatContext format = new AVFormatContext(null);
    AVPacket packet = av_packet_alloc();
    try {
      check(avformat_open_input(format, file.toString(), null, null), "open " + file);
      check(avformat_find_stream_info(format, (AVDictionary) null), "probe " + file);
      int index = av_find_best_stream(format, mediaType, -1, -1, (AVCodec) null, 0);
      check(index, "find a stream of type " + mediaType + " in " + file);
      AVStream stream = format.streams(index);
      AVCodecParameters par = stream.codecpar();
      byte[] extradata = new byte[par.extradata_size()];
      if (extradata.length > 0) {
        par.extradata().get(extradata);
      }
      AVRational tb = stream.time_base();
      AVRational ms = av_make_q(1, 1000);
      List<Packet> packets = new ArrayList<>();
      while (av_read_frame(format, packet) >= 0) {
        try {
          if (packet.stream_index() == index) {
            byte[] data = new byte[packet.size()];
            packet.data().get(data);
            long dts = packet.dts() == AV_NOPTS_VALUE ? packet.pts() : packet.dts();
            packets.add(new Packet(data, av_rescale_q(dts, tb, ms), av_rescale_q(packet.pts(), tb, ms),
                (packet.flags() & AV_PKT_FLAG_KEY) != 0));
          }
        } finally {
          av_packet_unref(packet);
        }
      }
      return new Demuxed(avcodec_get_name(par.codec_id()).getString(), extradata, par.width(), par.height(),
          par.sample_rate(), List.copyOf(packets));
    } finally {
      av_packet_free(packet);
      if (!format.isNull()) {
        avformat_close_input(format);
      }
    }
  }

  private static void check(int ret, String what) {
    if (ret < 0) {
      throw new IllegalStateException("could not " + what + " (libavformat error " + ret + ")");
    }
  }
}
