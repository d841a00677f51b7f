package io.inlet.ingest.flv;

import io.inlet.bus.MediaCodec;
import io.inlet.bus.TrackKind;
import io.netty.buffer.ByteBuf;

/**
 * One elementary-stream item found in an RTMP audio/video message. data is a slice of the message
 * payload (no copy, not retained: it lives as long as the payload does): for SEQUENCE_START the
 * codec configuration record (AVCDecoderConfigurationRecord, HEVCDecoderConfigurationRecord,
 * AV1CodecConfigurationRecord, VPCodecConfigurationRecord, AudioSpecificConfig, OpusHead...), for
 * CODED_FRAMES the frame exactly as an FFmpeg demuxer hands it to the decoder (AVCC
 * length-prefixed NAL units for avc1/hvc1; OBUs for av01; the VP9 frame; raw AAC; MP3 frame; Opus
 * packet). trackId is 0 unless multitrack. compositionTime in ms (signed 24-bit), 0 where the
 * format has none. keyframe: video frame type 1 (key) or 4 (generated key frame); always true for
 * audio.
 */
public record FlvMediaTag(
    TrackKind track,
    MediaCodec codec,
    int trackId,
    FlvPacketType type,
    boolean keyframe,
    int compositionTime,
    ByteBuf data) {}
