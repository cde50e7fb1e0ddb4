// The URL allowlist and builders that decide what may leave the program for the browser.

#include <QTest>

#include "WikimediaUrl.h"

using namespace wt::ui;

class TestWikimediaUrl : public QObject {
    Q_OBJECT

private slots:
    void allowsOnlyHttpsOnWikimediaHosts_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("enwiki page") << "https://en.wikipedia.org/wiki/Main_Page" << true;
        QTest::newRow("diff") << "https://en.wikipedia.org/w/index.php?diff=1&oldid=2" << true;
        QTest::newRow("bare domain") << "https://wikipedia.org/" << true;
        QTest::newRow("commons") << "https://commons.wikimedia.org/wiki/File:X.jpg" << true;
        QTest::newRow("wikidata") << "https://www.wikidata.org/wiki/Q42" << true;
        QTest::newRow("wiktionary") << "https://fr.wiktionary.org/wiki/chat" << true;
        QTest::newRow("upper-case host") << "https://EN.WIKIPEDIA.ORG/wiki/X" << true;
        QTest::newRow("explicit 443") << "https://en.wikipedia.org:443/wiki/X" << true;
        QTest::newRow("http") << "http://en.wikipedia.org/wiki/X" << false;
        QTest::newRow("suffix trick") << "https://en.wikipedia.org.evil.example/wiki/X" << false;
        QTest::newRow("glued domain") << "https://evilwikipedia.org/wiki/X" << false;
        QTest::newRow("user info") << "https://user@en.wikipedia.org/wiki/X" << false;
        QTest::newRow("password") << "https://a:b@en.wikipedia.org/wiki/X" << false;
        QTest::newRow("other port") << "https://en.wikipedia.org:8443/wiki/X" << false;
        QTest::newRow("javascript") << "javascript:alert(1)" << false;
        QTest::newRow("file") << "file:///etc/passwd" << false;
        QTest::newRow("data") << "data:text/html,hi" << false;
        QTest::newRow("ftp") << "ftp://en.wikipedia.org/x" << false;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("ip") << "https://127.0.0.1/wiki/X" << false;
        QTest::newRow("other site") << "https://example.org/wiki/X" << false;
    }
    void allowsOnlyHttpsOnWikimediaHosts()
    {
        QFETCH(QString, url);
        QFETCH(bool, allowed);
        QCOMPARE(url::isWikimedia(QUrl(url)), allowed);
    }

    void mapsDatabaseNamesToHosts()
    {
        QCOMPARE(url::hostForWiki("enwiki"), QStringLiteral("en.wikipedia.org"));
        QCOMPARE(url::hostForWiki("zh_yuewiki"), QStringLiteral("zh-yue.wikipedia.org"));
        QCOMPARE(url::hostForWiki("frwiktionary"), QStringLiteral("fr.wiktionary.org"));
        QCOMPARE(url::hostForWiki("dewikivoyage"), QStringLiteral("de.wikivoyage.org"));
        QCOMPARE(url::hostForWiki("commonswiki"), QStringLiteral("commons.wikimedia.org"));
        QCOMPARE(url::hostForWiki("wikidatawiki"), QStringLiteral("www.wikidata.org"));
        QCOMPARE(url::hostForWiki("metawiki"), QStringLiteral("meta.wikimedia.org"));
        // Names that do not map safely give no host, hence no URL.
        QCOMPARE(url::hostForWiki("wiki"), QString());
        QCOMPARE(url::hostForWiki("evil.example/wiki"), QString());
        QCOMPARE(url::hostForWiki("EN wiki"), QString());
        QCOMPARE(url::hostForWiki(""), QString());
        QVERIFY(!url::page(url::hostForWiki("evil.example/wiki"), QStringLiteral("X")).isValid());
    }

    void percentEncodesTitles_data()
    {
        QTest::addColumn<QString>("title");
        QTest::addColumn<QByteArray>("encodedPath");
        QTest::addColumn<QString>("decodedPath");
        QTest::newRow("spaces") << "Douglas Adams" << QByteArray("/wiki/Douglas_Adams") << "/wiki/Douglas_Adams";
        QTest::newRow("question mark") << "Who? Me?" << QByteArray("/wiki/Who%3F_Me%3F") << "/wiki/Who?_Me?";
        QTest::newRow("hash") << "C# (language)" << QByteArray("/wiki/C%23_(language)") << "/wiki/C#_(language)";
        QTest::newRow("percent") << "100% Pure" << QByteArray("/wiki/100%25_Pure") << "/wiki/100%_Pure";
        QTest::newRow("ampersand") << "A&B" << QByteArray("/wiki/A%26B") << "/wiki/A&B";
        QTest::newRow("namespace and subpage") << "User:Ann/Sandbox" << QByteArray("/wiki/User:Ann/Sandbox")
                                              << "/wiki/User:Ann/Sandbox";
        QTest::newRow("cyrillic") << QString::fromUtf8("Москва")
                                  << QByteArray("/wiki/%D0%9C%D0%BE%D1%81%D0%BA%D0%B2%D0%B0")
                                  << QString::fromUtf8("/wiki/Москва");
        QTest::newRow("japanese") << QString::fromUtf8("東京 タワー")
                                  << QByteArray("/wiki/%E6%9D%B1%E4%BA%AC_%E3%82%BF%E3%83%AF%E3%83%BC")
                                  << QString::fromUtf8("/wiki/東京_タワー");
    }
    void percentEncodesTitles()
    {
        QFETCH(QString, title);
        QFETCH(QByteArray, encodedPath);
        QFETCH(QString, decodedPath);
        const QUrl u = url::page(QStringLiteral("en.wikipedia.org"), title);
        QVERIFY(u.isValid());
        QVERIFY(url::isWikimedia(u));
        QCOMPARE(u.path(QUrl::FullyEncoded).toLatin1(), encodedPath);
        QCOMPARE(u.path(QUrl::FullyDecoded), decodedPath);
        // Nothing of the title leaks into the query or the fragment.
        QVERIFY(!u.hasQuery());
        QVERIFY(!u.hasFragment());
    }

    void contributionsKeepTheUserOneSegment()
    {
        const QUrl u = url::contributions(QStringLiteral("en.wikipedia.org"), QStringLiteral("A/B C"));
        QCOMPARE(u.toString(QUrl::FullyEncoded),
                 QStringLiteral("https://en.wikipedia.org/wiki/Special:Contributions/A%2FB_C"));
        QVERIFY(!url::contributions(QStringLiteral("en.wikipedia.org"), QStringLiteral("  ")).isValid());
        QVERIFY(!url::page(QStringLiteral("example.org"), QStringLiteral("X")).isValid());
        QVERIFY(!url::page(QString(), QStringLiteral("X")).isValid());
    }
};

QTEST_GUILESS_MAIN(TestWikimediaUrl)
#include "tst_WikimediaUrl.moc"
