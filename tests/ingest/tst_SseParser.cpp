// The WHATWG event-stream rules, one data row each, and the real captures in tests/data/sse.
// Every row is fed as written, whole, one byte per chunk and in random chunks: the parser must
// give the same answer for every chunking.
#include "ingest/SseParser.h"
#include "support/TestData.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTest>

using wt::ingest::SseMessage;
using wt::ingest::SseParser;

namespace {

struct Outcome {
    QByteArrayList messages; // "event|id|data", see encode()
    QByteArray lastId;
    int retry = -1;
    quint64 oversized = 0;
    bool operator==(const Outcome&) const = default;
};

QByteArray encode(const QByteArray& event, const QByteArray& id, const QByteArray& data)
{
    return event + '|' + id + '|' + data;
}

QByteArray msg(const QByteArray& data, const QByteArray& id = {})
{
    return encode("message", id, data);
}

// Feeds `all` in pieces whose sizes come from nextSize(), as views into one buffer.
template <typename NextSize>
Outcome runPieces(const QByteArray& all, std::size_t cap, NextSize nextSize)
{
    SseParser parser(cap);
    std::vector<SseMessage> out;
    for (qsizetype at = 0; at < all.size();) {
        const qsizetype n = std::min<qsizetype>(nextSize(), all.size() - at);
        parser.feed(std::string_view(all.constData() + at, std::size_t(n)), out);
        at += n;
    }
    parser.finish();
    Outcome outcome;
    for (const SseMessage& m : out)
        outcome.messages << encode(QByteArray::fromStdString(m.event),
                                   QByteArray::fromStdString(m.id),
                                   QByteArray::fromStdString(m.data));
    outcome.lastId = QByteArray::fromStdString(parser.lastEventId());
    outcome.retry = parser.retryMs().value_or(-1);
    outcome.oversized = parser.oversizedSkipped();
    return outcome;
}

Outcome runWhole(const QByteArray& all, std::size_t cap)
{
    return runPieces(all, cap, [&] { return all.size(); });
}

Outcome runBytewise(const QByteArray& all, std::size_t cap)
{
    return runPieces(all, cap, [] { return qsizetype(1); });
}

Outcome runRandom(const QByteArray& all, std::size_t cap, quint32 seed, int maxChunk)
{
    QRandomGenerator rng(seed);
    return runPieces(all, cap, [&] { return qsizetype(rng.bounded(1, maxChunk + 1)); });
}

// Feeds the chunks exactly as listed (to place a boundary where a row needs it).
Outcome runChunks(const QByteArrayList& chunks, std::size_t cap)
{
    qsizetype index = 0;
    return runPieces(chunks.join(), cap, [&] { return chunks[index++].size(); });
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(path));
    return file.readAll();
}

const QByteArray kBom("\xEF\xBB\xBF");
constexpr std::size_t kDefaultCap = 4u << 20;

} // namespace

class TestSseParser : public QObject {
    Q_OBJECT
private slots:
    void rules_data();
    void rules();
    void capturedEventsFileDropsItsUnterminatedLastEvent();
    void capturedReadmeExcerptIsAnOpenBlock();
    void realEventsRoundTripInAnyChunking();
    void resetStreamKeepsLastIdAndDropsOpenBlock();
    void oversizedLineIsNotBuffered();
};

void TestSseParser::rules_data()
{
    QTest::addColumn<QByteArrayList>("chunks");
    QTest::addColumn<qulonglong>("cap");
    QTest::addColumn<QByteArrayList>("messages");
    QTest::addColumn<QByteArray>("lastId");
    QTest::addColumn<int>("retry");
    QTest::addColumn<qulonglong>("oversized");

    auto row = [&](const char* name, QByteArrayList chunks, QByteArrayList messages,
                   QByteArray lastId = {}, int retry = -1, qulonglong oversized = 0,
                   qulonglong rowCap = kDefaultCap) {
        QTest::newRow(name) << chunks << rowCap << messages << lastId << retry << oversized;
    };

    // Line ends.
    row("lf", {"data: a\n\ndata: b\n\n"}, {msg("a"), msg("b")});
    row("crlf", {"data: a\r\n\r\ndata: b\r\n\r\n"}, {msg("a"), msg("b")});
    row("cr", {"data: a\r\rdata: b\r\r"}, {msg("a"), msg("b")});
    row("mixed line ends", {"data: a\rdata: b\r\ndata: c\n\n"}, {msg("a\nb\nc")});
    row("crlf split across chunks is one line end", {"data: a\r", "\ndata: b\r", "\n\r", "\n"},
        {msg("a\nb")});
    row("cr at chunk end then data", {"data: a\r", "data: b\r", "\r"}, {msg("a\nb")});
    row("cr cr is two line ends", {"data: a\r\rdata: b\n\n"}, {msg("a"), msg("b")});
    // Byte order mark.
    row("bom stripped", {kBom + "data: a\n\n"}, {msg("a")});
    row("bom split across chunks",
        {"\xEF", "\xBB",
         "\xBF"
         "data: a\n\n"},
        {msg("a")});
    row("bom stripped only once", {kBom + kBom + "data: a\n\ndata: b\n\n"}, {msg("b")});
    row("bom later in stream is content", {"data: a\n\n" + kBom + "data: b\n\ndata: c\n\n"},
        {msg("a"), msg("c")});
    row("partial bom is content", {"\xEF\xBB", "data: a\n\ndata: b\n\n"}, {msg("b")});
    row("bom then comment", {kBom + ":ok\n\ndata: a\n\n"}, {msg("a")});
    // Comments and fields.
    row("comments ignored", {":ok\n\ndata: a\n: keep-alive\ndata: b\n\n"}, {msg("a\nb")});
    row("event type", {"event: update\ndata: a\n\n"}, {encode("update", "", "a")});
    row("event type resets after dispatch", {"event: x\ndata: a\n\ndata: b\n\n"},
        {encode("x", "", "a"), msg("b")});
    row("empty event is message", {"event:\ndata: a\n\n"}, {msg("a")});
    row("event without data is not dispatched", {"event: x\n\ndata: a\n\n"}, {msg("a")});
    row("data lines joined with lf", {"data: a\ndata: b\ndata:\ndata: c\n\n"}, {msg("a\nb\n\nc")});
    row("data without colon is an empty line", {"data\ndata\n\n"}, {msg("\n")});
    row("single data without colon dispatches empty", {"data\n\n"}, {msg("")});
    row("blank lines alone dispatch nothing", {"\n\n\n"}, {});
    // id.
    row("id", {"id: 7\ndata: a\n\ndata: b\n\n"}, {msg("a", "7"), msg("b", "7")}, "7");
    static const char kNulId[] = "id: 1\ndata: a\n\nid: 2\0x\ndata: b\n\n";
    row("id with nul ignored", {QByteArray(kNulId, sizeof(kNulId) - 1)},
        {msg("a", "1"), msg("b", "1")}, "1");
    row("empty id resets", {"id: 1\ndata: a\n\nid:\ndata: b\n\n"}, {msg("a", "1"), msg("b", "")},
        "");
    row("id without colon resets", {"id: 1\ndata: a\n\nid\ndata: b\n\n"},
        {msg("a", "1"), msg("b", "")}, "");
    row("id-only block sets id without dispatch", {"id: 1\ndata: a\n\nid: 5\n\n"}, {msg("a", "1")},
        "5");
    row("id kept verbatim", {"id:  [{\"a\":1}] \ndata: a\n\n"}, {msg("a", " [{\"a\":1}] ")},
        " [{\"a\":1}] ");
    // retry.
    row("retry", {"retry: 2500\n\n"}, {}, {}, 2500);
    row("retry with letters ignored", {"retry: 1000x\n\n"}, {});
    row("retry invalid keeps previous", {"retry: 10\nretry: 1000x\nretry: -5\n\n"}, {}, {}, 10);
    row("retry with two spaces ignored", {"retry:  100\n\n"}, {});
    row("retry overflow ignored", {"retry: 99999999999\n\n"}, {});
    row("retry empty ignored", {"retry:\n\n"}, {});
    // Unknown fields, spaces.
    row("unknown fields ignored", {"foo: bar\ndata: a\nDATA: b\nData: c\n\n"}, {msg("a")});
    row("exactly one space stripped", {"data:  a\n\n"}, {msg(" a")});
    row("no space", {"data:a\n\n"}, {msg("a")});
    row("only space", {"data: \n\n"}, {msg("")});
    row("colon in value kept", {"data: a: b\n\n"}, {msg("a: b")});
    // End of stream.
    row("open block at end not dispatched, id not kept", {"id: 1\ndata: a\n\nid: 2\ndata: b\n"},
        {msg("a", "1")}, "1");
    row("unterminated last line not dispatched", {"data: a\n\ndata: b"}, {msg("a")});
    // UTF-8.
    row("multi-byte utf8 split", {"data: \xC3", "\xA9\xE6\xBC", "\xA2\xF0\x9F", "\x98\x80\n\n"},
        {msg("\xC3\xA9\xE6\xBC\xA2\xF0\x9F\x98\x80")});
    row("u2028 u2029 u0085 are not line ends",
        {"data: a\xE2\x80\xA8"
         "b\xE2\x80\xA9"
         "c\xC2\x85"
         "d\n\n"},
        {msg("a\xE2\x80\xA8"
             "b\xE2\x80\xA9"
             "c\xC2\x85"
             "d")});
    // Size cap (16 bytes in these rows).
    row("event at cap dispatched", {"data: 0123456789abcdef\n\n"}, {msg("0123456789abcdef")}, {},
        -1, 0, 16);
    row("oversized event skipped, stream goes on", {"data: 0123456789abcdefX\n\ndata: ok\n\n"},
        {msg("ok")}, {}, -1, 1, 16);
    row("oversized by joined lines", {"data: 01234567\ndata: 01234567\n\ndata: ok\n\n"},
        {msg("ok")}, {}, -1, 1, 16);
    row("oversized block still commits its id",
        {"id: 9\ndata: 0123456789abcdefXYZ\n\ndata: ok\n\n"}, {msg("ok", "9")}, "9", -1, 1, 16);
    row("oversized cut line skipped",
        {"data: 0123456789", "abcdef", "XYZ012345", "\n\ndata: ok\n\n"}, {msg("ok")}, {}, -1, 1,
        16);
    row("long comment is not an event", {":" + QByteArray(100, 'c') + "\ndata: ok\n\n"},
        {msg("ok")}, {}, -1, 0, 16);
    row("10 MiB data line with default cap",
        {"data: a\n\ndata: " + QByteArray(10 << 20, 'x') + "\n\ndata: b\n\n"}, {msg("a"), msg("b")},
        {}, -1, 1);
}

void TestSseParser::rules()
{
    QFETCH(QByteArrayList, chunks);
    QFETCH(qulonglong, cap);
    QFETCH(QByteArrayList, messages);
    QFETCH(QByteArray, lastId);
    QFETCH(int, retry);
    QFETCH(qulonglong, oversized);

    const Outcome expected{messages, lastId, retry, oversized};
    const Outcome asWritten = runChunks(chunks, cap);
    QCOMPARE(asWritten.messages, expected.messages);
    QCOMPARE(asWritten.lastId, expected.lastId);
    QCOMPARE(asWritten.retry, expected.retry);
    QCOMPARE(asWritten.oversized, expected.oversized);

    const QByteArray all = chunks.join();
    QVERIFY(runWhole(all, cap) == expected);
    QVERIFY(runBytewise(all, cap) == expected);
    for (quint32 seed = 1; seed <= 3; ++seed)
        QVERIFY(runRandom(all, cap, seed, 7) == expected);
}

void TestSseParser::capturedEventsFileDropsItsUnterminatedLastEvent()
{
    const QByteArray capture =
        readFile(wt::test::dataPath("sse/dlw-github_wiki_visualizer_example.events"));
    QVERIFY(!capture.endsWith('\n'));
    const QByteArray id =
        R"([{"topic":"eqiad.mediawiki.recentchange","partition":0,"timestamp":1670732822001},{"topic":"codfw.mediawiki.recentchange","partition":0,"offset":-1}])";

    const Outcome whole = runWhole(capture, kDefaultCap);
    QCOMPARE(whole.messages.size(), 2); // the third event has no blank line after it
    for (const QByteArray& m : whole.messages) {
        QVERIFY(m.startsWith("message|" + id + "|{\"$schema\":\"/mediawiki/recentchange/1.0.0\""));
        QVERIFY(m.endsWith("}"));
    }
    QVERIFY(whole.messages[0].contains("\"id\":\"da75cd5f-4dc4-4954-8a88-b5b6d4fec7e4\""));
    QVERIFY(whole.messages[1].contains("https://en.wiktionary.org/wiki/thought"));
    QCOMPARE(whole.lastId, id);

    QVERIFY(runBytewise(capture, kDefaultCap) == whole);
    for (quint32 seed = 1; seed <= 20; ++seed) {
        QVERIFY(runRandom(capture, kDefaultCap, seed, 9) == whole);
        QVERIFY(runRandom(capture, kDefaultCap, seed, 1500) == whole);
    }

    // Terminated properly, the same capture gives all three events.
    const Outcome terminated = runChunks({capture, "\n\n"}, kDefaultCap);
    QCOMPARE(terminated.messages.size(), 3);
    QCOMPARE(terminated.messages.mid(0, 2), whole.messages);
}

void TestSseParser::capturedReadmeExcerptIsAnOpenBlock()
{
    const QByteArray capture =
        readFile(wt::test::dataPath("sse/arvindp25_DataPlumbHub_readme_excerpt.sse"));
    QVERIFY(capture.endsWith("}\n"));
    const QByteArray id =
        R"([{"topic":"eqiad.mediawiki.recentchange","partition":0,"timestamp":1746030241001},{"topic":"codfw.mediawiki.recentchange","partition":0,"offset":-1}])";

    // id + data and one line end, but no blank line: the block is still open at the end.
    const Outcome open = runWhole(capture, kDefaultCap);
    QVERIFY(open.messages.isEmpty());
    QVERIFY(open.lastId.isEmpty());
    QVERIFY(runBytewise(capture, kDefaultCap) == open);

    const Outcome closed = runChunks({capture, "\n"}, kDefaultCap);
    QCOMPARE(closed.messages.size(), 1);
    QVERIFY(closed.messages[0].startsWith("message|" + id + "|{\"$schema\""));
    QVERIFY(closed.messages[0].contains("\"user\":\"Vysotsky\""));
    QCOMPARE(closed.lastId, id);
    for (quint32 seed = 1; seed <= 20; ++seed)
        QVERIFY(runRandom(capture + "\n", kDefaultCap, seed, 13) == closed);
}

void TestSseParser::realEventsRoundTripInAnyChunking()
{
    // Every real event of tests/data, framed the way EventStreams frames it.
    const QByteArray lastIdFile = readFile(wt::test::dataPath("sse/yearfunla_last_id.txt"));
    QByteArray stream = kBom + ":ok\n\n";
    QByteArrayList lines;
    const QDir dir(wt::test::dataPath(QString()));
    for (const QString& name : dir.entryList({"*.ndjson"}, QDir::Files, QDir::Name)) {
        for (const QByteArray& line : readFile(dir.filePath(name)).split('\n')) {
            if (line.trimmed().isEmpty())
                continue;
            lines << line;
            stream += "event: message\nid: " + lastIdFile + "\ndata: " + line + "\n\n";
        }
    }
    QVERIFY(lines.size() > 6000);

    const Outcome whole = runWhole(stream, kDefaultCap);
    QCOMPARE(whole.messages.size(), lines.size());
    for (qsizetype i = 0; i < lines.size(); ++i)
        QCOMPARE(whole.messages[i], msg(lines[i], lastIdFile));
    QCOMPARE(whole.lastId, lastIdFile);
    QVERIFY(runRandom(stream, kDefaultCap, 42, 5) == whole);
    QVERIFY(runRandom(stream, kDefaultCap, 43, 70000) == whole);
}

void TestSseParser::resetStreamKeepsLastIdAndDropsOpenBlock()
{
    SseParser parser;
    std::vector<SseMessage> out;
    parser.feed("id: 1\ndata: a\n\nid: 2\ndata: half", out);
    QCOMPARE(out.size(), std::size_t(1));
    parser.resetStream(); // the connection dropped in the middle of event 2
    QCOMPARE(parser.lastEventId(), std::string("1"));
    // The new connection may start with a BOM again, and the dropped block must not leak in.
    parser.feed("\xEF\xBB\xBF"
                "data: b\n\n",
                out);
    QCOMPARE(out.size(), std::size_t(2));
    QCOMPARE(out[1].data, std::string("b"));
    QCOMPARE(out[1].id, std::string("1"));

    SseParser seeded;
    seeded.setLastEventId("saved");
    QCOMPARE(seeded.lastEventId(), std::string("saved"));
    seeded.feed("data: c\n\n", out);
    QCOMPARE(out.back().id, std::string("saved"));
}

void TestSseParser::oversizedLineIsNotBuffered()
{
    // A 10 MiB line arriving in 64 KiB pieces with a small cap: skipped, counted, and the
    // parser does not grow past the cap while the line streams through.
    SseParser parser(1024);
    std::vector<SseMessage> out;
    parser.feed("id: 1\ndata: a\n\nid: 2\ndata: ", out);
    const QByteArray piece(64 << 10, 'x');
    for (int i = 0; i < 160; ++i)
        parser.feed(std::string_view(piece.constData(), std::size_t(piece.size())), out);
    parser.feed("\n\ndata: b\n\n", out);
    QCOMPARE(out.size(), std::size_t(2));
    QCOMPARE(out[1].data, std::string("b"));
    QCOMPARE(out[1].id, std::string("2"));
    QCOMPARE(parser.oversizedSkipped(), quint64(1));
}

QTEST_GUILESS_MAIN(TestSseParser)
#include "tst_SseParser.moc"
