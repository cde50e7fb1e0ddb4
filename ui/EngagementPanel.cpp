#include "EngagementPanel.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QVBoxLayout>
#include <QValueAxis>
#include <cmath>

#include "ChartLooks.h"

namespace wt::ui {

namespace {
QString shortCount(std::uint32_t n)
{
    if (n >= 1'000'000 && n % 1'000'000 == 0)
        return QStringLiteral("%1M").arg(n / 1'000'000);
    if (n >= 1000 && n % 1000 == 0)
        return QStringLiteral("%1k").arg(n / 1000);
    if (n >= 1000)
        return QStringLiteral("%1k").arg(double(n) / 1000.0, 0, 'g', 2);
    return QString::number(n);
}

double niceTop(double v)
{
    if (v <= 0)
        return 1;
    const double p = std::pow(10.0, std::floor(std::log10(v)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (v <= m * p)
            return m * p;
    return 10 * p;
}
} // namespace

QString EngagementPanel::binLabel(std::uint32_t minEdits, std::uint32_t maxEdits)
{
    if (minEdits == maxEdits)
        return shortCount(minEdits);
    if (maxEdits == 0xffffffffu)
        return shortCount(minEdits) + QLatin1Char('+');
    return shortCount(minEdits) + QChar(0x2013) + shortCount(maxEdits);
}

EngagementPanel::EngagementPanel(QWidget* parent) : QWidget(parent)
{
    m_chart = new QChart;
    m_chart->setTitle(tr("Users by number of edits in the lookback"));
    m_chart->legend()->hide();
    m_set = new QBarSet(tr("users"));
    auto* series = new QBarSeries;
    series->append(m_set);
    series->setBarWidth(0.8);
    series->setLabelsVisible(true);
    series->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    series->setLabelsFormat(QStringLiteral("@value"));
    m_chart->addSeries(series);
    m_bins = new QBarCategoryAxis;
    m_bins->setTitleText(tr("edits per user"));
    m_users = new QValueAxis;
    m_users->setTitleText(tr("users"));
    m_users->setLabelFormat(QStringLiteral("%.0f"));
    m_users->setTickCount(5);
    m_chart->addAxis(m_bins, Qt::AlignBottom);
    m_chart->addAxis(m_users, Qt::AlignLeft);
    series->attachAxis(m_bins);
    series->attachAxis(m_users);

    auto* view = new QChartView(m_chart, this);
    looks::prepareView(view);
    auto* box = new QVBoxLayout(this);
    box->setContentsMargins(0, 0, 0, 0);
    box->addWidget(view);
    setMinimumSize(fontMetrics().height() * 16, fontMetrics().height() * 10);
    applyLooks();
}

void EngagementPanel::applyLooks()
{
    const QPalette pal = palette();
    looks::applyTo(m_chart, pal);
    m_set->setColor(looks::humans(pal));
    m_set->setBorderColor(looks::humans(pal));
    m_set->setLabelColor(pal.color(QPalette::WindowText));
}

void EngagementPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange)
        applyLooks();
    QWidget::changeEvent(event);
}

void EngagementPanel::showSnapshot(const analytics::DashboardSnapshot& s)
{
    QStringList labels;
    QList<double> values;
    double top = 0;
    for (const auto& bin : s.engagement) {
        labels << binLabel(bin.minEdits, bin.maxEdits);
        values << double(bin.users);
        top = std::max(top, double(bin.users));
    }
    if (m_bins->categories() != labels) {
        m_set->remove(0, m_set->count());
        m_bins->setCategories(labels);
        m_set->append(values);
    } else {
        for (int i = 0; i < values.size(); ++i)
            if (m_set->at(i) != values[i])
                m_set->replace(i, values[i]);
    }
    const double axisTop = niceTop(top * 1.12); // room for the value labels above the bars
    if (m_users->max() != axisTop)
        m_users->setRange(0, axisTop);
}

QStringList EngagementPanel::categories() const { return m_bins->categories(); }

QList<double> EngagementPanel::values() const
{
    QList<double> out;
    for (int i = 0; i < m_set->count(); ++i)
        out << m_set->at(i);
    return out;
}

} // namespace wt::ui
