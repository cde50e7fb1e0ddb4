#include <QTest>

#include "event/EditEvent.h"
#include "ingest/IngestCounters.h"

using namespace wt;

class TestEditEventNames : public QObject {
    Q_OBJECT
private slots:
    void typeNamesRoundTrip_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("type");
        QTest::newRow("edit") << "edit" << int(event::EditType::Edit);
        QTest::newRow("new") << "new" << int(event::EditType::New);
        QTest::newRow("log") << "log" << int(event::EditType::Log);
        QTest::newRow("categorize") << "categorize" << int(event::EditType::Categorize);
        QTest::newRow("external") << "external" << int(event::EditType::External);
        QTest::newRow("number-as-string") << "142" << int(event::EditType::Other);
        QTest::newRow("empty") << "" << int(event::EditType::Other);
    }
    void typeNamesRoundTrip()
    {
        QFETCH(QString, name);
        QFETCH(int, type);
        const auto parsed = event::editTypeFromName(name.toStdString());
        QCOMPARE(int(parsed), type);
        if (parsed != event::EditType::Other)
            QCOMPARE(QString::fromLatin1(event::editTypeName(parsed)), name);
    }
    void rejectReasonsHaveDistinctNames()
    {
        QSet<QString> names;
        for (int i = 0; i < int(ingest::RejectReason::Count); ++i)
            names.insert(ingest::rejectReasonName(ingest::RejectReason(i)));
        QCOMPARE(names.size(), int(ingest::RejectReason::Count));
        QVERIFY(!names.contains("unknown"));
    }
};

QTEST_APPLESS_MAIN(TestEditEventNames)
#include "tst_EditEventNames.moc"
