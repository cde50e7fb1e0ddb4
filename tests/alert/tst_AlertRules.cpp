// Alert rule persistence (QVariant for QSettings, JSON) and validation messages.

#include <QJsonDocument>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

#include "alert/AlertRule.h"

using namespace wt::alert;

class tst_AlertRules : public QObject {
    Q_OBJECT

private slots:
    void defaultsAreValid()
    {
        const auto rules = defaultRules();
        QCOMPARE(rules.size(), std::size_t(3));
        for (const auto& r : rules)
            QVERIFY2(r.validate().isEmpty(), qPrintable(r.validate()));
        QVERIFY(!rules[0].includeBots); // surges exclude bots by default
    }

    void roundTripThroughJsonAndSettings()
    {
        AlertRule kw;
        kw.id = QStringLiteral("kw");
        kw.name = QStringLiteral("Vandalism words");
        kw.pattern = QStringLiteral("\\bvandal\\w*");
        kw.fields = Field::Comment | Field::Title;
        kw.wikiFilter = QStringLiteral("enwiki");
        kw.enabled = false;
        auto rules = defaultRules();
        rules.push_back(kw);

        const QByteArray json = QJsonDocument(rulesToJson(rules)).toJson();
        QStringList errors;
        const auto back = rulesFromJson(QJsonDocument::fromJson(json).array(), &errors);
        QVERIFY(errors.isEmpty());
        QCOMPARE(back.size(), rules.size());
        for (std::size_t i = 0; i < rules.size(); ++i)
            QCOMPARE(back[i].toVariant(), rules[i].toVariant());
        QCOMPARE(back[3].fields, std::uint8_t(Field::Comment | Field::Title));
        QVERIFY(!back[3].enabled);

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("wikitide.conf"));
        {
            QSettings s(path, QSettings::IniFormat);
            s.setValue(QStringLiteral("alerts/rules"), rulesToVariant(rules));
        }
        QSettings s(path, QSettings::IniFormat);
        const auto fromSettings = rulesFromVariant(s.value(QStringLiteral("alerts/rules")).toList(), &errors);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(';')));
        QCOMPARE(fromSettings.size(), rules.size());
        QCOMPARE(fromSettings[3].pattern, kw.pattern);
        QCOMPARE(fromSettings[1].minCount, rules[1].minCount);
        QCOMPARE(fromSettings[2].dropRatio, rules[2].dropRatio);
    }

    void badEntriesAreRefusedWithAMessage()
    {
        QVariantList list;
        list << QVariantMap{{"kind", "teleport"}, {"name", "x"}};
        list << QVariantMap{{"kind", "keyword"}, {"name", "bad"}, {"pattern", "[a-"}};
        list << QVariantMap{{"kind", "surge"}, {"name", "s"}, {"minCount", "many"}};
        list << QVariantMap{{"kind", "velocity"}, {"name", "v"}, {"shortWindowSec", 1}};
        list << QVariantMap{{"kind", "surge"}, {"name", "fine"}, {"scope", "wiki"}};
        QStringList errors;
        const auto rules = rulesFromVariant(list, &errors);
        QCOMPARE(rules.size(), std::size_t(1));
        QCOMPARE(rules[0].scope, SurgeScope::Wiki);
        QVERIFY(!rules[0].id.isEmpty()); // generated
        QCOMPARE(errors.size(), 4);
        QVERIFY(errors[0].contains(QStringLiteral("teleport")));
        QVERIFY(errors[1].contains(QStringLiteral("invalid pattern")));
        QVERIFY(errors[2].contains(QStringLiteral("minCount")));
        QVERIFY(errors[3].contains(QStringLiteral("short window")));
    }
};

QTEST_GUILESS_MAIN(tst_AlertRules)
#include "tst_AlertRules.moc"
