// EventCodec: every real event survives encode -> decode unchanged, the output is valid JSON for
// an independent parser (QJsonDocument), hostile strings are escaped, bad messages are values.

#include "support/KafkaHarness.h"
#include "transport/EventCodec.h"
#include "transport/OwnLayoutDecoder.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace wt;
using transport::DecodeError;
using transport::EventCodec;

class tst_EventCodec : public QObject {
    Q_OBJECT
private slots:
    void roundTripsEveryRealEvent();
    void outputIsValidJsonWithDocumentedFields();
    void escapesControlCharactersAndKeepsUtf8();
    void replacesInvalidUtf8();
    void formatsIsoTime();
    void badMessagesAreCountedNotCrashes_data();
    void badMessagesAreCountedNotCrashes();
    void ignoresUnknownFields();
    void decodesFieldsInAnyOrder();
    void encodeAppendsToWhatIsThere();
    void fastPathAgreesWithSimdjson();
    void fastPathAgreesOnDamagedMessages();
};

void tst_EventCodec::roundTripsEveryRealEvent()
{
    EventCodec codec;
    int total = 0;
    for (const QString& file : test::recordingFiles()) {
        const auto events = test::recordingEvents(file);
        QVERIFY2(!events.empty(), qPrintable(file));
        for (const auto& e : events) {
            const std::string json = EventCodec::encode(e);
            event::EditEvent back;
            QCOMPARE(codec.decode(json, back), DecodeError::None);
            const QString diff = test::eventDifference(e, back);
            QVERIFY2(diff.isEmpty(), qPrintable(file + QStringLiteral(": ") + diff));
            ++total;
        }
    }
    QVERIFY2(total >= 6700, qPrintable(QString::number(total)));
}

void tst_EventCodec::outputIsValidJsonWithDocumentedFields()
{
    const auto events = test::recordingEvents(QStringLiteral("electricsql_rag.ndjson"));
    QCOMPARE(events.size(), std::size_t(336));
    const QStringList documented = {
        "v",         "meta_id",  "time_ms",   "dt",        "wiki",         "server_name",
        "project",   "language", "type",      "ns",        "title",        "user",
        "comment",   "diff_url", "log_type",  "rc_id",     "rev_old",      "rev_new",
        "len_old",   "len_new",  "delta",     "bot",       "minor",        "anonymous",
        "temporary", "new_page", "patrolled", "no_length", "wikidata_item"};
    for (const auto& e : events) {
        const std::string json = EventCodec::encode(e);
        QJsonParseError error;
        const auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(json), &error);
        QVERIFY2(error.error == QJsonParseError::NoError,
                 qPrintable(error.errorString() + QString::fromStdString(json)));
        const QJsonObject obj = doc.object();
        QCOMPARE(obj.keys().size(), documented.size());
        for (const auto& key : documented)
            QVERIFY2(obj.contains(key), qPrintable(key));
        QCOMPARE(obj.value("v").toInt(), 1);
        QCOMPARE(obj.value("title").toString().toStdString(), e.title);
        QCOMPARE(obj.value("comment").toString().toStdString(), e.comment);
        QCOMPARE(static_cast<qint64>(obj.value("time_ms").toDouble()), e.timeMs);
        QCOMPARE(QDateTime::fromString(obj.value("dt").toString(), Qt::ISODateWithMs)
                     .toMSecsSinceEpoch(),
                 e.timeMs);
    }
}

void tst_EventCodec::escapesControlCharactersAndKeepsUtf8()
{
    event::EditEvent e;
    e.metaId = "id-1";
    e.wiki = "enwiki";
    e.title = "Quote \" backslash \\ slash / tab\t nl\n cr\r bell\x07 nul";
    e.title.push_back('\0');
    e.title += " del\x7f";
    e.comment = "Ünïcödé 漢字 📥 \xE2\x80\x8C zwnj, RTL עברית";
    const std::string json = EventCodec::encode(e);
    QVERIFY(json.find('\n') == std::string::npos);
    QVERIFY(json.find("\\u0007") != std::string::npos);
    QVERIFY(json.find("\\u0000") != std::string::npos);
    QVERIFY(json.find("📥") != std::string::npos); // passed through, not \u-escaped
    EventCodec codec;
    event::EditEvent back;
    QCOMPARE(codec.decode(json, back), DecodeError::None);
    QCOMPARE(back.title, e.title);
    QCOMPARE(back.comment, e.comment);
    const auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(json));
    QCOMPARE(doc.object().value("comment").toString(), QString::fromStdString(e.comment));
}

void tst_EventCodec::replacesInvalidUtf8()
{
    event::EditEvent e;
    e.metaId = "id-2";
    e.wiki = "enwiki";
    e.title = "bad \xC3 lone, \xED\xA0\x80 surrogate, \xF8 ok";
    const std::string json = EventCodec::encode(e);
    EventCodec codec;
    event::EditEvent back;
    QCOMPARE(codec.decode(json, back), DecodeError::None); // simdjson validates UTF-8 strictly
    QCOMPARE(back.title, std::string("bad \xEF\xBF\xBD lone, \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD "
                                     "surrogate, \xEF\xBF\xBD ok"));
}

void tst_EventCodec::formatsIsoTime()
{
    std::string s;
    EventCodec::appendIsoTime(1532278800000, s);
    QCOMPARE(QString::fromStdString(s), QStringLiteral("2018-07-22T17:00:00.000Z"));
    s.clear();
    EventCodec::appendIsoTime(1772120976544, s);
    QCOMPARE(QString::fromStdString(s), QStringLiteral("2026-02-26T15:49:36.544Z"));
    s.clear();
    EventCodec::appendIsoTime(-1, s);
    QCOMPARE(QString::fromStdString(s), QStringLiteral("1969-12-31T23:59:59.999Z"));
}

void tst_EventCodec::badMessagesAreCountedNotCrashes_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<int>("expected");
    const QByteArray good = QByteArray::fromStdString(EventCodec::encode(
        test::recordingEvents(QStringLiteral("timescale_wikistream.ndjson")).front()));
    QTest::newRow("empty") << QByteArray() << int(DecodeError::BadJson);
    QTest::newRow("garbage") << QByteArray("\x01\x02 not json") << int(DecodeError::BadJson);
    QTest::newRow("array") << QByteArray("[1,2]") << int(DecodeError::BadJson);
    QTest::newRow("truncated") << good.left(good.size() / 2) << int(DecodeError::BadJson);
    QTest::newRow("invalid utf8") << QByteArray("{\"v\":1,\"title\":\"\xC3\"}")
                                  << int(DecodeError::BadJson);
    QTest::newRow("raw recentchange")
        << QByteArray::fromStdString(test::recordingLines("timescale_wikistream.ndjson").front())
        << int(DecodeError::NotOurSchema);
    QTest::newRow("future version")
        << QByteArray(good).replace("{\"v\":1", "{\"v\":2") << int(DecodeError::UnsupportedVersion);
    QTest::newRow("missing title")
        << QByteArray(good).replace("\"title\":", "\"titel\":") << int(DecodeError::MissingField);
    QTest::newRow("wrong type") << QByteArray(good).replace("\"ns\":0", "\"ns\":\"zero\"")
                                << int(DecodeError::WrongType);
}

void tst_EventCodec::badMessagesAreCountedNotCrashes()
{
    QFETCH(QByteArray, message);
    QFETCH(int, expected);
    EventCodec codec;
    event::EditEvent out;
    QCOMPARE(int(codec.decode(std::string_view(message.constData(), message.size()), out)),
             expected);
    // The codec stays usable after a bad message.
    const auto e = test::recordingEvents(QStringLiteral("timescale_wikistream.ndjson")).front();
    QCOMPARE(codec.decode(EventCodec::encode(e), out), DecodeError::None);
    QVERIFY(test::eventDifference(e, out).isEmpty());
}

void tst_EventCodec::ignoresUnknownFields()
{
    const auto e = test::recordingEvents(QStringLiteral("timescale_wikistream.ndjson")).front();
    std::string json = EventCodec::encode(e);
    json.insert(1, "\"future\":{\"nested\":[1,2,{\"x\":null}]},");
    EventCodec codec;
    event::EditEvent back;
    QCOMPARE(codec.decode(json, back), DecodeError::None);
    QVERIFY(test::eventDifference(e, back).isEmpty());
}

// Another producer may write the fields in any order: QJsonDocument writes them sorted by name,
// the opposite of the order decode() tries first.
void tst_EventCodec::decodesFieldsInAnyOrder()
{
    EventCodec codec;
    int flagsSeen = 0;
    for (const auto& e : test::recordingEvents(QStringLiteral("electricsql_rag.ndjson"))) {
        const QByteArray sorted =
            QJsonDocument::fromJson(QByteArray::fromStdString(EventCodec::encode(e)))
                .toJson(QJsonDocument::Compact);
        QVERIFY(sorted.startsWith("{\"anonymous\":"));
        event::EditEvent back;
        QCOMPARE(codec.decode(std::string_view(sorted.constData(), sorted.size()), back),
                 DecodeError::None);
        const QString diff = test::eventDifference(e, back);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
        flagsSeen |= back.flags;
    }
    QVERIFY(flagsSeen & event::Flag::Bot);
    QVERIFY(flagsSeen & event::Flag::Minor);
}

void tst_EventCodec::encodeAppendsToWhatIsThere()
{
    const auto e = test::recordingEvents(QStringLiteral("timescale_wikistream.ndjson")).front();
    std::string line = "enwiki\t";
    EventCodec::encode(e, line);
    QCOMPARE(line, "enwiki\t" + EventCodec::encode(e));
    std::vector<char> buffer(EventCodec::maxEncodedSize(e));
    const char* end = EventCodec::encodeTo(e, buffer.data());
    QCOMPARE(std::string(static_cast<const char*>(buffer.data()), end), EventCodec::encode(e));
}

namespace {

// The fast path may only accept what simdjson accepts, with the same fields; when it refuses,
// decode() answers exactly as simdjson does. Empty when both hold for json.
QString fastPathVerdict(EventCodec& codec, std::string_view json)
{
    event::EditEvent general, fast, combined;
    const DecodeError expected = codec.decodeGeneral(json, general);
    const bool accepted = transport::OwnLayoutDecoder::decode(json, fast);
    if (accepted && expected != DecodeError::None)
        return QStringLiteral("fast path accepted what simdjson refuses (%1): %2")
            .arg(QLatin1String(transport::decodeErrorName(expected)),
                 QString::fromUtf8(json.data(), json.size()));
    if (accepted) {
        const QString diff = test::eventDifference(general, fast);
        if (!diff.isEmpty())
            return QStringLiteral("fast path: ") + diff;
    }
    if (codec.decode(json, combined) != expected)
        return QStringLiteral("decode() differs from simdjson");
    if (expected == DecodeError::None && !test::eventDifference(general, combined).isEmpty())
        return QStringLiteral("decode() fields differ from simdjson");
    return {};
}

} // namespace

void tst_EventCodec::fastPathAgreesWithSimdjson()
{
    EventCodec codec;
    int fast = 0, total = 0;
    for (const QString& file : test::recordingFiles()) {
        for (const auto& e : test::recordingEvents(file)) {
            const std::string json = EventCodec::encode(e);
            const QString verdict = fastPathVerdict(codec, json);
            QVERIFY2(verdict.isEmpty(), qPrintable(verdict));
            event::EditEvent out;
            fast += transport::OwnLayoutDecoder::decode(json, out) ? 1 : 0;
            ++total;
        }
    }
    QCOMPARE(fast, total); // every message we write takes the fast path

    // Hostile strings: escapes of every kind, and \u escapes (not written by us, legal JSON).
    event::EditEvent e =
        test::recordingEvents(QStringLiteral("timescale_wikistream.ndjson")).front();
    e.title =
        std::string("q\"b\\s/\x01\x1f\n\r\t\b\f\x7f ok") + "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";
    e.comment = std::string("nul\0inside", 11);
    std::string json = EventCodec::encode(e);
    QVERIFY2(fastPathVerdict(codec, json).isEmpty(), qPrintable(fastPathVerdict(codec, json)));
    event::EditEvent out;
    QVERIFY(transport::OwnLayoutDecoder::decode(json, out));
    QCOMPARE(out.title, e.title);
    QCOMPARE(out.comment, e.comment);
    for (const char* title :
         {"\\u00e9\\u20ac", "\\ud83d\\ude00", "\\u0041\\/", "\\ud83d", "\\ude00x", "\\ud83d\\u0041",
          "\\u12", "\\uZZZZ", "\\x", "tab\there"}) {
        std::string variant = json;
        const std::string from = "\"title\":\"";
        const auto at = variant.find(from) + from.size();
        variant.replace(at, variant.find("\",\"user\"") - at, title);
        QVERIFY2(fastPathVerdict(codec, variant).isEmpty(),
                 qPrintable(fastPathVerdict(codec, variant)));
    }
    QVERIFY(transport::OwnLayoutDecoder::decode(json, out));
}

// Every truncation and, deterministically, many single-byte changes of real messages.
void tst_EventCodec::fastPathAgreesOnDamagedMessages()
{
    EventCodec codec;
    const auto events = test::recordingEvents(QStringLiteral("electricsql_rag.ndjson"));
    std::uint32_t seed = 12345;
    auto next = [&] { return seed = seed * 1664525u + 1013904223u; };
    const char replacements[] = {'"', '\\', '0',    '9',    '-', '.', 'e', '}',
                                 ',', ' ',  '\x80', '\xff', 'u', 'x', '\0'};
    int checked = 0;
    for (std::size_t k = 0; k < events.size(); k += 7) {
        const std::string json = EventCodec::encode(events[k]);
        for (std::size_t cut = 0; cut < json.size(); cut += 3) {
            const QString verdict = fastPathVerdict(codec, std::string_view(json).substr(0, cut));
            QVERIFY2(verdict.isEmpty(), qPrintable(verdict));
        }
        for (int i = 0; i < 200; ++i) {
            std::string damaged = json;
            damaged[next() % damaged.size()] = replacements[next() % sizeof replacements];
            const QString verdict = fastPathVerdict(codec, damaged);
            QVERIFY2(verdict.isEmpty(), qPrintable(verdict));
            ++checked;
        }
    }
    QVERIFY(checked >= 9000);
    // Numbers at and past the int64 edges.
    const std::string json = EventCodec::encode(events.front());
    const std::string from = "\"rc_id\":";
    const auto at = json.find(from) + from.size();
    const auto end = json.find(',', at);
    for (const char* n :
         {"9223372036854775807", "9223372036854775808", "-9223372036854775808",
          "-9223372036854775809", "0", "-0", "007", "12345678901234567890", "1.5", "1e3", "-"}) {
        std::string variant = json;
        variant.replace(at, end - at, n);
        QVERIFY2(fastPathVerdict(codec, variant).isEmpty(),
                 qPrintable(QLatin1String(n) + fastPathVerdict(codec, variant)));
    }
}

QTEST_GUILESS_MAIN(tst_EventCodec)
#include "tst_EventCodec.moc"
