// The alert log, health panel and alert rules dialog in real (offscreen) windows.

#include <QDir>
#include <QLineEdit>
#include <QtTest>

#include "AlertLogPanel.h"
#include "AlertRulesDialog.h"
#include "HealthPanel.h"
#include "ingest/IngestCounters.h"

using namespace wt;

namespace {
void screenshot(QWidget& w, const QString& name)
{
    const QString dir = qEnvironmentVariable("WT_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    w.grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
}
} // namespace

class tst_OpsPanels : public QObject {
    Q_OBJECT

private slots:
    void alertLogIsBoundedNewestFirst()
    {
        ui::AlertLogPanel panel(nullptr, 3);
        QSignalSpy urls(&panel, &ui::AlertLogPanel::openUrlRequested);
        for (int i = 0; i < 5; ++i) {
            alert::Alert a;
            a.timeMs = 1707235200000 + i * 60000;
            a.ruleName = QStringLiteral("Wiki surge");
            a.kind = alert::RuleKind::Surge;
            a.subject = QStringLiteral("enwiki");
            a.reason = QStringLiteral("enwiki: %1 edits in 15 min vs 10 in the hour before").arg(100 + i);
            a.url = QStringLiteral("https://en.wikipedia.org/wiki/Special:RecentChanges");
            panel.addAlert(a);
        }
        QCOMPARE(panel.rowCount(), 3);
        QCOMPARE(panel.cellText(0, 0), QStringLiteral("2024-02-06 16:04:00"));
        QCOMPARE(panel.cellText(0, 2), QStringLiteral("surge"));
        QVERIFY(panel.cellText(0, 4).startsWith(QStringLiteral("enwiki: 104 edits")));
        panel.resize(900, 200);
        panel.show();
        screenshot(panel, QStringLiteral("alert-log"));
        panel.clear();
        QCOMPARE(panel.rowCount(), 0);
    }

    void healthPanelShowsEverything()
    {
        pipeline::HealthMetrics metrics;
        ingest::IngestCounters c;
        c.received = 1234567;
        c.reject(ingest::RejectReason::BadJson);
        metrics.updateIngest(c);
        metrics.updateKafkaLag(QStringLiteral("rc"), 3, 98765);
        metrics.updateProcess();
        metrics.set(QStringLiteral("process_uptime_seconds"), 3725);
        ui::HealthPanel panel;
        panel.setSnapshot(metrics.snapshot());
        QCOMPARE(panel.valueText(QStringLiteral("Ingest"), QStringLiteral("ingest received events")), QStringLiteral("1,234,567"));
        QCOMPARE(panel.valueText(QStringLiteral("Ingest"), QStringLiteral("ingest rejected events [reason=bad_json]")), QStringLiteral("1"));
        QCOMPARE(panel.valueText(QStringLiteral("Kafka"), QStringLiteral("kafka consumer lag [topic=rc, partition=3]")), QStringLiteral("98,765"));
        QCOMPARE(panel.valueText(QStringLiteral("Process"), QStringLiteral("process uptime seconds")), QStringLiteral("1 h 02 min 05 s"));
        QVERIFY(panel.valueText(QStringLiteral("Process"), QStringLiteral("process resident memory bytes")).contains(QStringLiteral("MiB")));
        QCOMPARE(panel.formatValue(1536, QStringLiteral("bytes")), QStringLiteral("1,536 (1.5 KiB)"));
        panel.resize(600, 700);
        panel.show();
        screenshot(panel, QStringLiteral("health-panel"));
    }

    void rulesDialogRefusesABadPattern()
    {
        ui::AlertRulesDialog dialog;
        dialog.setRules(alert::defaultRules());
        dialog.addRule(alert::RuleKind::Keyword);
        auto* pattern = dialog.findChild<QLineEdit*>(QStringLiteral("pattern"));
        QVERIFY(pattern);
        QVERIFY(pattern->placeholderText().contains(QStringLiteral("regular expression")));
        pattern->setText(QStringLiteral("(vandal"));
        QVERIFY(!dialog.validateAll());
        QVERIFY2(dialog.errorText().contains(QStringLiteral("invalid pattern")), qPrintable(dialog.errorText()));
        pattern->setText(QStringLiteral("vandal\\w*"));
        QVERIFY(dialog.validateAll());
        const auto rules = dialog.rules();
        QCOMPARE(rules.size(), std::size_t(4));
        QCOMPARE(rules.back().pattern, QStringLiteral("vandal\\w*"));
        QCOMPARE(rules.back().kind, alert::RuleKind::Keyword);
        QCOMPARE(rules[0].toVariant(), alert::defaultRules()[0].toVariant());
        dialog.resize(700, 420);
        dialog.show();
        screenshot(dialog, QStringLiteral("alert-rules-dialog"));
    }
};

QTEST_MAIN(tst_OpsPanels)
#include "tst_OpsPanels.moc"
