// The host table: special hosts, language projects, chapters, unknown hosts, database names,
// and a cross-check against every host/wiki pair in the real recordings.

#include "enrich/HostTable.h"
#include "event/EventParser.h"
#include "support/Recordings.h"

#include <QTest>

using namespace wt;

namespace {

QString str(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

} // namespace

class TestHostTable : public QObject {
    Q_OBJECT
private slots:
    void lookup_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("project");
        QTest::addColumn<QString>("language");
        // Special hosts: a split on dots gets all of these wrong.
        QTest::newRow("wikidata") << "www.wikidata.org"
                                  << "wikidata"
                                  << "";
        QTest::newRow("wikidata bare") << "wikidata.org"
                                       << "wikidata"
                                       << "";
        QTest::newRow("test wikidata") << "test.wikidata.org"
                                       << "testwikidata"
                                       << "";
        QTest::newRow("commons") << "commons.wikimedia.org"
                                 << "commons"
                                 << "";
        QTest::newRow("test commons") << "test-commons.wikimedia.org"
                                      << "testcommons"
                                      << "";
        QTest::newRow("meta") << "meta.wikimedia.org"
                              << "meta"
                              << "";
        QTest::newRow("species") << "species.wikimedia.org"
                                 << "species"
                                 << "";
        QTest::newRow("mediawiki") << "www.mediawiki.org"
                                   << "mediawiki"
                                   << "";
        QTest::newRow("wikimania") << "wikimania.wikimedia.org"
                                   << "wikimania"
                                   << "";
        QTest::newRow("wikimania 2017") << "wikimania2017.wikimedia.org"
                                        << "wikimania"
                                        << "";
        QTest::newRow("test wikipedia") << "test.wikipedia.org"
                                        << "test"
                                        << "";
        QTest::newRow("test2 wikipedia") << "test2.wikipedia.org"
                                         << "test"
                                         << "";
        QTest::newRow("incubator") << "incubator.wikimedia.org"
                                   << "incubator"
                                   << "";
        QTest::newRow("multilingual wikisource") << "wikisource.org"
                                                 << "wikisource"
                                                 << "";
        QTest::newRow("www wikisource") << "www.wikisource.org"
                                        << "wikisource"
                                        << "";
        QTest::newRow("beta wikiversity") << "beta.wikiversity.org"
                                          << "wikiversity"
                                          << "";
        QTest::newRow("outreach") << "outreach.wikimedia.org"
                                  << "outreach"
                                  << "";
        QTest::newRow("foundation") << "foundation.wikimedia.org"
                                    << "foundation"
                                    << "";
        QTest::newRow("foundation old") << "wikimediafoundation.org"
                                        << "foundation"
                                        << "";
        QTest::newRow("wikifunctions") << "www.wikifunctions.org"
                                       << "wikifunctions"
                                       << "";
        QTest::newRow("wikitech") << "wikitech.wikimedia.org"
                                  << "wikitech"
                                  << "";
        QTest::newRow("api") << "api.wikimedia.org"
                             << "api"
                             << "";
        QTest::newRow("login") << "login.wikimedia.org"
                               << "login"
                               << "";
        QTest::newRow("auth") << "auth.wikimedia.org"
                              << "auth"
                              << "";
        QTest::newRow("nostalgia") << "nostalgia.wikipedia.org"
                                   << "nostalgia"
                                   << "";
        // Language projects.
        QTest::newRow("en wikipedia") << "en.wikipedia.org"
                                      << "wikipedia"
                                      << "en";
        QTest::newRow("simple wikipedia") << "simple.wikipedia.org"
                                          << "wikipedia"
                                          << "simple";
        QTest::newRow("zh-min-nan wikipedia") << "zh-min-nan.wikipedia.org"
                                              << "wikipedia"
                                              << "zh-min-nan";
        QTest::newRow("be-tarask wikipedia") << "be-tarask.wikipedia.org"
                                             << "wikipedia"
                                             << "be-tarask";
        QTest::newRow("ckb wikipedia") << "ckb.wikipedia.org"
                                       << "wikipedia"
                                       << "ckb";
        QTest::newRow("www wikipedia portal") << "www.wikipedia.org"
                                              << "wikipedia"
                                              << "";
        QTest::newRow("en wiktionary") << "en.wiktionary.org"
                                       << "wiktionary"
                                       << "en";
        QTest::newRow("mnw wiktionary") << "mnw.wiktionary.org"
                                        << "wiktionary"
                                        << "mnw";
        QTest::newRow("fa wikibooks") << "fa.wikibooks.org"
                                      << "wikibooks"
                                      << "fa";
        QTest::newRow("ru wikinews") << "ru.wikinews.org"
                                     << "wikinews"
                                     << "ru";
        QTest::newRow("it wikiquote") << "it.wikiquote.org"
                                      << "wikiquote"
                                      << "it";
        QTest::newRow("de wikisource") << "de.wikisource.org"
                                       << "wikisource"
                                       << "de";
        QTest::newRow("hi wikiversity") << "hi.wikiversity.org"
                                        << "wikiversity"
                                        << "hi";
        QTest::newRow("fr wikivoyage") << "fr.wikivoyage.org"
                                       << "wikivoyage"
                                       << "fr";
        // Chapters and other wikimedia.org wikis.
        QTest::newRow("de chapter") << "de.wikimedia.org"
                                    << "wikimedia"
                                    << "de";
        QTest::newRow("nyc chapter") << "nyc.wikimedia.org"
                                     << "wikimedia"
                                     << "nyc";
        QTest::newRow("office") << "office.wikimedia.org"
                                << "office"
                                << "";
        QTest::newRow("board") << "board.wikimedia.org"
                               << "board"
                               << "";
        // Unknown hosts keep the whole host as project.
        QTest::newRow("unknown") << "example.org"
                                 << "example.org"
                                 << "";
        QTest::newRow("mobile host") << "en.m.wikipedia.org"
                                     << "en.m.wikipedia.org"
                                     << "";
        QTest::newRow("upper case") << "EN.wikipedia.org"
                                    << "EN.wikipedia.org"
                                    << "";
        QTest::newRow("bare suffix") << "wikipedia.org"
                                     << "wikipedia.org"
                                     << "";
        QTest::newRow("empty") << ""
                               << ""
                               << "";
    }
    void lookup()
    {
        QFETCH(QString, host);
        const std::string h = host.toStdString();
        const auto info = enrich::lookupHost(h);
        QTEST(str(info.project), "project");
        QTEST(str(info.language), "language");
    }

    void wikiNames_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("wiki");
        QTest::newRow("enwiki") << "en.wikipedia.org"
                                << "enwiki";
        QTest::newRow("wikidatawiki") << "www.wikidata.org"
                                      << "wikidatawiki";
        QTest::newRow("commonswiki") << "commons.wikimedia.org"
                                     << "commonswiki";
        QTest::newRow("mediawikiwiki") << "www.mediawiki.org"
                                       << "mediawikiwiki";
        QTest::newRow("testwiki") << "test.wikipedia.org"
                                  << "testwiki";
        QTest::newRow("sourceswiki") << "wikisource.org"
                                     << "sourceswiki";
        QTest::newRow("zh_min_nanwiki") << "zh-min-nan.wikipedia.org"
                                        << "zh_min_nanwiki";
        QTest::newRow("enwiktionary") << "en.wiktionary.org"
                                      << "enwiktionary";
        QTest::newRow("hiwikiversity") << "hi.wikiversity.org"
                                       << "hiwikiversity";
        QTest::newRow("dewikimedia") << "de.wikimedia.org"
                                     << "dewikimedia";
    }
    void wikiNames()
    {
        QFETCH(QString, host);
        QFETCH(QString, wiki);
        QCOMPARE(QString::fromStdString(enrich::wikiFromHost(host.toStdString())), wiki);
        QCOMPARE(QString::fromStdString(enrich::hostFromWiki(wiki.toStdString())), host);
    }
    void underivableNames()
    {
        QVERIFY(enrich::hostFromWiki("").empty());
        QVERIFY(enrich::hostFromWiki("wiki").empty());
        QVERIFY(enrich::hostFromWiki("Bad Name").empty());
        QVERIFY(enrich::wikiFromHost("example.org").empty());
        QVERIFY(enrich::wikiFromHost("www.wikipedia.org").empty());
    }

    // Every host in the real recordings is known (project differs from the host) and, except
    // for the central login host, maps to the wiki the event names.
    void realHosts()
    {
        event::EventParser parser;
        event::EditEvent e;
        int checked = 0;
        for (const auto& file : test::recordingFiles()) {
            for (const auto& line : test::recordingLines(file)) {
                QCOMPARE(int(parser.parse(line, e).status), int(event::ParseStatus::Ok));
                const auto info = enrich::lookupHost(e.serverName);
                QVERIFY2(info.project != e.serverName, e.serverName.c_str());
                if (enrich::isCentralAuthHost(e.serverName)) {
                    QVERIFY(!enrich::hostFromWiki(e.wiki).empty());
                    continue;
                }
                QCOMPARE(QString::fromStdString(enrich::wikiFromHost(e.serverName)),
                         QString::fromStdString(e.wiki));
                QCOMPARE(QString::fromStdString(enrich::hostFromWiki(e.wiki)),
                         QString::fromStdString(e.serverName));
                ++checked;
            }
        }
        QVERIFY(checked > 6800);
    }
};

QTEST_GUILESS_MAIN(TestHostTable)
#include "tst_HostTable.moc"
