#include "AlertLogPanel.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace wt::ui {

namespace {
enum Column { Time, Rule, Kind, Subject, Reason, ColumnCount };
}

AlertLogPanel::AlertLogPanel(QWidget* parent, int maxRows)
    : QWidget(parent)
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_count(new QLabel(this))
    , m_maxRows(qMax(maxRows, 1))
{
    m_table->setHorizontalHeaderLabels({tr("Time (UTC)"), tr("Rule"), tr("Kind"), tr("Subject"), tr("Reason")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
        const QUrl url = m_table->item(row, Time)->data(Qt::UserRole).toUrl();
        if (url.isValid() && !url.isEmpty())
            emit openUrlRequested(url);
    });
    auto* clearButton = new QPushButton(tr("Clear"), this);
    connect(clearButton, &QPushButton::clicked, this, &AlertLogPanel::clear);
    auto* top = new QHBoxLayout;
    top->addWidget(m_count, 1);
    top->addWidget(clearButton);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_table);
    m_count->setText(tr("No alerts"));
}

int AlertLogPanel::rowCount() const { return m_table->rowCount(); }

QString AlertLogPanel::cellText(int row, int column) const
{
    const QTableWidgetItem* item = m_table->item(row, column);
    return item ? item->text() : QString();
}

void AlertLogPanel::addAlert(const wt::alert::Alert& alert)
{
    m_table->insertRow(0);
    auto* time = new QTableWidgetItem(
        QDateTime::fromMSecsSinceEpoch(alert.timeMs, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    time->setData(Qt::UserRole, QUrl(alert.url));
    m_table->setItem(0, Time, time);
    m_table->setItem(0, Rule, new QTableWidgetItem(alert.ruleName));
    m_table->setItem(0, Kind, new QTableWidgetItem(QString::fromLatin1(alert::ruleKindName(alert.kind))));
    m_table->setItem(0, Subject, new QTableWidgetItem(alert.subject));
    QString reason = alert.reason;
    if (alert.suppressed > 0 && !alert.summary)
        reason += tr(" (+%1 suppressed before)").arg(alert.suppressed);
    auto* reasonItem = new QTableWidgetItem(reason);
    reasonItem->setToolTip(alert.url.isEmpty() ? reason : reason + QLatin1Char('\n') + alert.url);
    m_table->setItem(0, Reason, reasonItem);
    while (m_table->rowCount() > m_maxRows)
        m_table->removeRow(m_table->rowCount() - 1);
    ++m_total;
    m_count->setText(tr("%n alert(s)", nullptr, m_total));
    emit countChanged(m_total);
}

void AlertLogPanel::clear()
{
    m_table->setRowCount(0);
    m_total = 0;
    m_count->setText(tr("No alerts"));
    emit countChanged(0);
}

} // namespace wt::ui
