// Enricher: IP user names, delta, project/language, derived flags, on real recorded events.

#include "enrich/Enricher.h"
#include "enrich/IpAddress.h"
#include "event/EventParser.h"
#include "support/Recordings.h"

#include <QTest>

using namespace wt;
using event::EditEvent;
namespace Flag = event::Flag;

class TestEnricher : public QObject {
    Q_OBJECT
private slots:
    void ipAddresses_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<bool>("ipv4");
        QTest::addColumn<bool>("ipv6");
        QTest::newRow("ipv4") << "178.66.155.34" << true << false;
        QTest::newRow("ipv4 zeros") << "0.0.0.0" << true << false;
        QTest::newRow("ipv4 max") << "255.255.255.255" << true << false;
        QTest::newRow("ipv4 256") << "256.1.1.1" << false << false;
        QTest::newRow("ipv4 three parts") << "1.2.3" << false << false;
        QTest::newRow("ipv4 five parts") << "1.2.3.4.5" << false << false;
        QTest::newRow("ipv4 trailing dot") << "1.2.3.4." << false << false;
        QTest::newRow("ipv4 four digits") << "1.2.3.0004" << false << false;
        QTest::newRow("ipv4 empty part") << "1..3.4" << false << false;
        QTest::newRow("ipv6 full upper")
            << "2603:7000:2101:AA00:2C88:EF86:E027:B1B9" << false << true;
        QTest::newRow("ipv6 full mixed")
            << "2A01:cb08:104:7700:DD1C:3F35:7C10:BCAC" << false << true;
        QTest::newRow("ipv6 compressed middle") << "2001:db8::1" << false << true;
        QTest::newRow("ipv6 compressed start") << "::1" << false << true;
        QTest::newRow("ipv6 compressed end") << "2001:db8::" << false << true;
        QTest::newRow("ipv6 unspecified") << "::" << false << true;
        QTest::newRow("ipv6 seven groups and ::") << "1:2:3:4:5:6:7::" << false << true;
        QTest::newRow("ipv6 v4 mapped") << "::ffff:192.0.2.1" << false << true;
        QTest::newRow("ipv6 v4 tail full") << "1:2:3:4:5:6:1.2.3.4" << false << true;
        QTest::newRow("ipv6 seven groups") << "1:2:3:4:5:6:7" << false << false;
        QTest::newRow("ipv6 nine groups") << "1:2:3:4:5:6:7:8:9" << false << false;
        QTest::newRow("ipv6 two ::") << "1::2::3" << false << false;
        QTest::newRow("ipv6 eight groups and ::") << "1:2:3:4:5:6:7:8::" << false << false;
        QTest::newRow("ipv6 five hex digits") << "12345::1" << false << false;
        QTest::newRow("ipv6 trailing colon") << "1:2:3:4:5:6:7:" << false << false;
        QTest::newRow("ipv6 leading colon") << ":1:2:3:4:5:6:7" << false << false;
        QTest::newRow("ipv6 non-hex") << "2001:db8::g" << false << false;
        QTest::newRow("ipv6 bad v4 tail") << "::ffff:300.0.2.1" << false << false;
        QTest::newRow("user name") << "Alice" << false << false;
        QTest::newRow("hex word") << "Cafe" << false << false;
        QTest::newRow("user with colon") << "Foo:Bar" << false << false;
        QTest::newRow("temporary account") << "~2026-12646-40" << false << false;
        QTest::newRow("empty") << "" << false << false;
    }
    void ipAddresses()
    {
        QFETCH(QString, user);
        const std::string u = user.toStdString();
        QTEST(enrich::isIpv4(u), "ipv4");
        QTEST(enrich::isIpv6(u), "ipv6");
    }

    void qidTitles()
    {
        QVERIFY(enrich::isWikidataItemTitle("Q42"));
        QVERIFY(enrich::isWikidataItemTitle("Q52218094"));
        QVERIFY(!enrich::isWikidataItemTitle("Q"));
        QVERIFY(!enrich::isWikidataItemTitle("P31"));
        QVERIFY(!enrich::isWikidataItemTitle("Q42 "));
        QVERIFY(!enrich::isWikidataItemTitle("Property:P31"));
        QVERIFY(!enrich::isWikidataItemTitle("q42"));
        QVERIFY(!enrich::isWikidataItemTitle("Q4x2"));
    }

    void handChecked_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("metaId");
        QTest::addColumn<int>("delta");
        QTest::addColumn<QString>("project");
        QTest::addColumn<QString>("language");
        QTest::addColumn<int>("derivedFlags");
        QTest::newRow("IPv4, shrink")
            << "jesschampion_wikistream.ndjson"
            << "5de973af-f5a3-11e6-8555-1418776135a3" << -78 << "wikipedia"
            << "it" << int(Flag::Anonymous);
        QTest::newRow("commons") << "sat99496_wikistream_lakehouse.ndjson"
                                 << "80a958b0-04c1-43d9-8d94-8f3b24526166" << 41 << "commons"
                                 << "" << 0;
        QTest::newRow("log: no length, Q-id title")
            << "editgroups.ndjson"
            << "e8c9812b-2222-11e8-91d2-141877614a81" << 0 << "wikidata"
            << "" << int(Flag::WikidataItem);
        QTest::newRow("new page with old null")
            << "editgroups.ndjson"
            << "61db7680-286b-11e8-a2ad-1418776134f3" << 159 << "wikidata"
            << "" << int(Flag::NewPage | Flag::WikidataItem);
        QTest::newRow("temporary account")
            << "sat99496_wikistream_lakehouse.ndjson"
            << "971941e5-cc36-4490-a78d-6c95892311ad" << 0 << "wikipedia"
            << "es" << int(Flag::Temporary);
        QTest::newRow("IPv6") << "polars_definitive_guide.ndjson"
                              << "b7b84f63-69f7-4317-82b2-df4a3e853723" << 204 << "wikipedia"
                              << "en" << int(Flag::Anonymous);
        QTest::newRow("IPv6 2019") << "amommendes_wikimedia_stream.ndjson"
                                   << "12a1af25-8512-11e9-a1a0-b083fecf12b3" << 70 << "wikipedia"
                                   << "fr" << int(Flag::Anonymous);
        QTest::newRow("Q-id edit") << "amommendes_wikimedia_stream.ndjson"
                                   << "0fa6c0e8-8512-11e9-9082-1866da99501c" << 72 << "wikidata"
                                   << "" << int(Flag::WikidataItem);
        QTest::newRow("non-item Wikidata title")
            << "muneebkhan06_wikistream_kafka_2026.ndjson"
            << "b734bfe5-34b7-49ec-94a8-6ed9dbe566bc" << 0 << "wikidata"
            << "" << int(Flag::Temporary);
        QTest::newRow("central login host -> the wiki it is for")
            << "muneebkhan06_wikistream_kafka_2026.ndjson"
            << "336c931f-066f-40e7-bde9-fe194bb2647e" << 0 << "wikiversity"
            << "hi" << 0;
    }
    void handChecked()
    {
        QFETCH(QString, file);
        QFETCH(QString, metaId);
        const auto line = test::recordingLine(file, metaId.toStdString());
        QVERIFY(!line.empty());
        event::EventParser parser;
        EditEvent e;
        QCOMPARE(int(parser.parse(line, e).status), int(event::ParseStatus::Ok));
        const auto rawFlags = e.flags;
        enrich::Enricher().enrich(e);
        QTEST(e.delta, "delta");
        QTEST(QString::fromStdString(e.project), "project");
        QTEST(QString::fromStdString(e.language), "language");
        QTEST(int(e.flags & ~rawFlags), "derivedFlags");
        QCOMPARE(e.flags & rawFlags, rawFlags); // raw flags untouched
        // Idempotent.
        const auto before = e.flags;
        enrich::Enricher().enrich(e);
        QCOMPARE(e.flags, before);
    }

    void recomputesDerivedFlags()
    {
        EditEvent e;
        e.serverName = "en.wikipedia.org";
        e.user = "1.2.3.4";
        e.type = event::EditType::New;
        e.lengthNew = 10;
        enrich::Enricher enricher;
        enricher.enrich(e);
        QVERIFY(e.has(Flag::Anonymous) && e.has(Flag::NewPage));
        QCOMPARE(e.delta, 10);
        e.user = "Alice";
        e.type = event::EditType::Edit;
        e.flags |= Flag::NoLength;
        enricher.enrich(e);
        QVERIFY(!e.has(Flag::Anonymous) && !e.has(Flag::NewPage));
        QCOMPARE(e.delta, 0);
        e.serverName = "test.wikidata.org"; // Q-ids only count on www.wikidata.org
        e.title = "Q42";
        enricher.enrich(e);
        QVERIFY(!e.has(Flag::WikidataItem));
        QCOMPARE(e.project, std::string("testwikidata"));
    }

    // Totals over all recordings, counted independently (Python: ipaddress, regex) when the
    // data was added.
    void realTotals()
    {
        event::EventParser parser;
        enrich::Enricher enricher;
        EditEvent e;
        int n = 0, anonymous = 0, temporary = 0, items = 0, newPages = 0, noLength = 0;
        int bots = 0, minor = 0;
        qint64 deltaSum = 0;
        for (const auto& file : test::recordingFiles()) {
            for (const auto& line : test::recordingLines(file)) {
                QCOMPARE(int(parser.parse(line, e).status), int(event::ParseStatus::Ok));
                enricher.enrich(e);
                ++n;
                anonymous += e.has(Flag::Anonymous);
                temporary += e.has(Flag::Temporary);
                items += e.has(Flag::WikidataItem);
                newPages += e.has(Flag::NewPage);
                noLength += e.has(Flag::NoLength);
                bots += e.has(Flag::Bot);
                minor += e.has(Flag::Minor);
                deltaSum += e.delta;
                QVERIFY(!e.project.empty());
            }
        }
        QCOMPARE(n, 6897);
        QCOMPARE(anonymous, 80 + 17);
        QCOMPARE(temporary, 15);
        QCOMPARE(items, 5957);
        QCOMPARE(newPages, 134);
        QCOMPARE(noLength, 524);
        QCOMPARE(bots, 4914);
        QCOMPARE(minor, 109);
        QCOMPARE(deltaSum, qint64(1669116));
    }
};

QTEST_GUILESS_MAIN(TestEnricher)
#include "tst_Enricher.moc"
