/**
 * The event-bus contract of an Inlet cluster: every address, every message, every codec and every
 * cluster-wide map name. The verticle modules meet only here.
 *
 * <h2>Public addresses (the contract's cluster API: plain JSON on the wire)</h2>
 * Other services, not necessarily Java, send and receive plain JSON here; each record has
 * {@code toJson()} and a validating {@code fromJson(JsonObject)} (a missing or ill-typed field is a
 * {@link io.inlet.bus.WireFormatException}, which a handler answers with 400).
 * <table>
 *   <caption>Public addresses</caption>
 *   <tr><th>address</th><th>request</th><th>reply</th></tr>
 *   <tr><td>{@code inlet.auth.keys.create}</td><td>{@link io.inlet.bus.CreateKeyRequest}</td>
 *       <td>{@link io.inlet.bus.CreatedKey}; fails 400 / 409</td></tr>
 *   <tr><td>{@code inlet.auth.keys.list}</td><td>{@link io.inlet.bus.ListKeysRequest}</td>
 *       <td>{@link io.inlet.bus.KeyList}</td></tr>
 *   <tr><td>{@code inlet.auth.keys.revoke}</td><td>{@link io.inlet.bus.RevokeKeyRequest}</td>
 *       <td>{@link io.inlet.bus.RevokedKey}; fails 404</td></tr>
 *   <tr><td>{@code inlet.auth.validate}</td><td>{@link io.inlet.bus.ValidateRequest}</td>
 *       <td>{@link io.inlet.bus.ValidatedKey}; fails 403</td></tr>
 *   <tr><td>{@code inlet.streams.events} (published)</td><td>{@link io.inlet.bus.StreamEvent}</td><td>-</td></tr>
 * </table>
 *
 * <h2>Internal addresses (records with a registered codec: {@link io.inlet.bus.BusCodecs})</h2>
 * <table>
 *   <caption>Internal addresses</caption>
 *   <tr><th>address</th><th>message</th><th>reply</th><th>codec</th></tr>
 *   <tr><td>{@code inlet.decode.<decoder>.packets}, header {@code inlet-attachment}</td>
 *       <td>{@link io.inlet.bus.PacketBatch}, then each {@link io.inlet.bus.MediaPacket};
 *       {@link io.inlet.bus.ReleaseStream}</td><td>-</td><td>binary; JSON (release)</td></tr>
 *   <tr><td>{@code inlet.streams.stats} (published, 1/s per ingest node)</td><td>{@link io.inlet.bus.IngestStats}</td>
 *       <td>-</td><td>binary</td></tr>
 *   <tr><td>{@code inlet.streams.decode-stats} (published, 2/s per decoder)</td>
 *       <td>{@link io.inlet.bus.DecoderReport}</td><td>-</td><td>binary</td></tr>
 *   <tr><td>{@code inlet.decode.assign}, {@code inlet.decode.<decoder>.assign}</td>
 *       <td>{@link io.inlet.bus.AssignRequest}</td><td>{@link io.inlet.bus.Assignment}; fails 503</td><td>JSON</td></tr>
 *   <tr><td>{@code inlet.ingest.<node>.streams}</td><td>{@link io.inlet.bus.EndStream}</td><td>no body; fails 404</td>
 *       <td>JSON</td></tr>
 *   <tr><td>{@code inlet.ingest.<node>.streams}</td><td>{@link io.inlet.bus.HandOverRequest}</td>
 *       <td>{@link io.inlet.bus.HandedOver}; fails 409 (refused), 404 (no such stream)</td><td>JSON</td></tr>
 *   <tr><td>{@code inlet.stream.<name>.snapshot}</td><td>{@link io.inlet.bus.SnapshotRequest}</td>
 *       <td>the JPEG ({@code Buffer}); fails 404</td><td>JSON</td></tr>
 *   <tr><td>{@code inlet.auth.keys.revoked} (published)</td><td>{@link io.inlet.bus.RevokedKey}</td><td>-</td>
 *       <td>JSON</td></tr>
 *   <tr><td>{@code inlet.auth.replica.<id>}</td><td>{@link io.inlet.bus.KeyStateChange}</td><td>no body</td>
 *       <td>JSON</td></tr>
 *   <tr><td>{@code inlet.auth.keys.used} (published)</td><td>{@link io.inlet.bus.KeyUses}</td><td>-</td>
 *       <td>JSON</td></tr>
 *   <tr><td>{@code inlet.decode.<decoder>.packets}, no header</td><td>{@link io.inlet.bus.LinkProbe}</td>
 *       <td>the same probe, once the decoder reached it</td><td>JSON</td></tr>
 *   <tr><td>{@code inlet.webhook.progress} (published)</td><td>{@link io.inlet.bus.WebhookProgress}</td><td>-</td>
 *       <td>JSON</td></tr>
 * </table>
 * Failures travel as {@code ReplyException}s with the {@link io.inlet.bus.ReplyCodes}.
 *
 * <h2>Binary wire formats</h2>
 * Each starts with a version byte; enums travel by an explicit wire id
 * ({@link io.inlet.bus.MediaCodec#wireId()}, {@link io.inlet.bus.PacketKind#wireId()}), never by
 * ordinal, so a value added in a later version cannot change what an older node reads. Decoding
 * checks every length and count against the bytes that remain and fails with one
 * {@link io.inlet.bus.WireFormatException} naming what was wrong. Inside one JVM the record itself
 * is handed over, without encoding.
 *
 * <h2>Cluster-wide maps</h2>
 * {@link io.inlet.bus.ClusterMaps}; a live stream name's value is a {@link io.inlet.bus.StreamLease}.
 */
package io.inlet.bus;
