#include "BreakdownPanel.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QGridLayout>
#include <QHorizontalBarSeries>
#include <QPieSeries>
#include <QPieSlice>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

#include "ChartLooks.h"
#include "Format.h"
#include "event/EditEvent.h"

namespace wt::ui {

namespace {
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

QString BreakdownPanel::namespaceName(int ns)
{
    switch (ns) {
    case 0: return tr("Main");
    case 1: return tr("Talk");
    case 2: return tr("User");
    case 3: return tr("User talk");
    case 4: return tr("Project");
    case 6: return tr("File");
    case 8: return tr("MediaWiki");
    case 10: return tr("Template");
    case 12: return tr("Help");
    case 14: return tr("Category");
    case 100: return tr("Portal");
    case 118: return tr("Draft");
    case 120: return tr("Property");
    case 146: return tr("Lexeme");
    case 828: return tr("Module");
    default: return tr("ns %1").arg(ns);
    }
}

BreakdownPanel::BreakdownPanel(QWidget* parent) : QWidget(parent)
{
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(0);
    m_types = makeBars(QStringLiteral("types"), tr("Action types"), true);
    m_namespaces = makeBars(QStringLiteral("namespaces"), tr("Namespaces"), true);

    auto pie = [this](const QString& title, QPieSeries*& series) {
        auto* chart = new QChart;
        chart->setTitle(title);
        series = new QPieSeries;
        series->setHoleSize(0.45);
        chart->addSeries(series);
        chart->legend()->setAlignment(Qt::AlignBottom);
        chart->legend()->setShowToolTips(true);
        m_charts.append(chart);
        return chart;
    };
    m_editorsChart = pie(tr("Editors"), m_editors);
    m_minorChart = pie(tr("Minor vs major edits"), m_minor);

    const QList<QChart*> order = {m_types.chart, m_namespaces.chart, m_editorsChart, m_minorChart};
    for (QChart* chart : order) {
        auto* view = new QChartView(chart, this);
        looks::prepareView(view);
        view->setMinimumSize(fontMetrics().height() * 14, fontMetrics().height() * 9);
        m_views.append(view);
    }
    relayout();
    applyLooks();
}

BreakdownPanel::Bars BreakdownPanel::makeBars(const QString& id, const QString& title, bool horizontal)
{
    Bars b;
    b.id = id;
    b.chart = new QChart;
    b.chart->setTitle(title);
    b.chart->legend()->hide();
    b.set = new QBarSet(title);
    QAbstractBarSeries* series = horizontal ? static_cast<QAbstractBarSeries*>(new QHorizontalBarSeries)
                                            : static_cast<QAbstractBarSeries*>(new QBarSeries);
    series->append(b.set);
    series->setBarWidth(0.7);
    series->setLabelsVisible(true);
    series->setLabelsPosition(QAbstractBarSeries::LabelsInsideBase);
    series->setLabelsFormat(QStringLiteral("@value"));
    b.chart->addSeries(series);
    b.categories = new QBarCategoryAxis;
    b.values = new QValueAxis;
    b.values->setLabelFormat(QStringLiteral("%.0f"));
    b.values->setTickCount(3);
    b.chart->addAxis(b.categories, horizontal ? Qt::AlignLeft : Qt::AlignBottom);
    b.chart->addAxis(b.values, horizontal ? Qt::AlignBottom : Qt::AlignLeft);
    series->attachAxis(b.categories);
    series->attachAxis(b.values);
    m_charts.append(b.chart);
    return b;
}

void BreakdownPanel::applyLooks()
{
    const QPalette pal = palette();
    for (QChart* chart : std::as_const(m_charts))
        looks::applyTo(chart, pal);
    for (Bars* b : {&m_types, &m_namespaces}) {
        b->set->setColor(looks::humans(pal));
        b->set->setBorderColor(looks::humans(pal));
        b->set->setLabelColor(pal.color(QPalette::HighlightedText));
    }
    const QColor editorColors[] = {looks::bots(pal), looks::removals(pal), looks::neutral(pal),
                                   looks::humans(pal)};
    for (int i = 0; i < m_editors->count() && i < 4; ++i)
        m_editors->slices().at(i)->setColor(editorColors[i]);
    const QColor minorColors[] = {looks::neutral(pal), looks::humans(pal)};
    for (int i = 0; i < m_minor->count() && i < 2; ++i)
        m_minor->slices().at(i)->setColor(minorColors[i]);
    for (QPieSeries* pie : {m_editors, m_minor})
        for (QPieSlice* slice : pie->slices()) {
            slice->setBorderColor(pal.color(QPalette::Window));
            slice->setLabelColor(pal.color(QPalette::WindowText));
        }
}

void BreakdownPanel::relayout()
{
    // One row along a wide dock, two by two in a side dock, one column in a narrow one.
    const int em = fontMetrics().height();
    const int fit = width() / (em * 15);
    const int columns = fit >= 4 ? 4 : (fit >= 2 ? 2 : 1);
    if (columns == m_columns)
        return;
    m_columns = columns;
    auto* grid = static_cast<QGridLayout*>(layout());
    for (QWidget* view : std::as_const(m_views))
        grid->removeWidget(view);
    for (int i = 0; i < m_views.size(); ++i)
        grid->addWidget(m_views[i], i / columns, i % columns);
}

void BreakdownPanel::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    relayout();
}

void BreakdownPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange)
        applyLooks();
    QWidget::changeEvent(event);
}

void BreakdownPanel::setBars(Bars& b, const QStringList& labels, const QList<double>& values)
{
    if (b.categories->categories() != labels) {
        b.set->remove(0, b.set->count());
        b.categories->setCategories(labels);
        b.set->append(values);
    } else {
        for (int i = 0; i < values.size(); ++i)
            if (b.set->at(i) != values[i])
                b.set->replace(i, values[i]);
    }
    double top = 0;
    for (double v : values)
        top = std::max(top, v);
    b.values->setRange(0, niceTop(top));
}

void BreakdownPanel::setPie(QPieSeries* pie, const QList<std::pair<QString, double>>& slices)
{
    const bool rebuild = pie->count() != slices.size();
    if (rebuild) {
        pie->clear();
        for (const auto& [label, value] : slices)
            pie->append(label, value);
        applyLooks();
    }
    double total = 0;
    for (const auto& s : slices)
        total += s.second;
    for (int i = 0; i < slices.size(); ++i) {
        QPieSlice* slice = pie->slices().at(i);
        if (slice->value() != slices[i].second)
            slice->setValue(slices[i].second);
        // The legend carries the numbers: slice labels on small pies collide.
        const QString label = QStringLiteral("%1  %2").arg(slices[i].first, fmt::share(quint64(slices[i].second), quint64(total)));
        if (slice->label() != label)
            slice->setLabel(label);
    }
}

void BreakdownPanel::showSnapshot(const analytics::DashboardSnapshot& s)
{
    QStringList typeLabels;
    QList<double> typeValues;
    // Horizontal bars list bottom-up: reverse so the first type is on top.
    for (int t = int(s.byType.size()) - 1; t >= 0; --t) {
        typeLabels << QString::fromLatin1(event::editTypeName(event::EditType(t)));
        typeValues << double(s.byType[std::size_t(t)]);
    }
    setBars(m_types, typeLabels, typeValues);

    QStringList nsLabels;
    QList<double> nsValues;
    const std::size_t shown = std::min<std::size_t>(s.byNamespace.size(), 7);
    std::uint64_t rest = 0;
    for (std::size_t i = shown; i < s.byNamespace.size(); ++i)
        rest += s.byNamespace[i].events;
    if (rest > 0) {
        nsLabels << tr("other");
        nsValues << double(rest);
    }
    for (int i = int(shown) - 1; i >= 0; --i) {
        nsLabels << namespaceName(s.byNamespace[std::size_t(i)].ns);
        nsValues << double(s.byNamespace[std::size_t(i)].events);
    }
    setBars(m_namespaces, nsLabels, nsValues);

    const auto& k = s.kpis;
    setPie(m_editors, {{tr("Bots"), double(k.bots)},
                       {tr("Anonymous"), double(k.anonymous)},
                       {tr("Temporary"), double(k.temporary)},
                       {tr("Registered"), double(k.registered)}});
    setPie(m_minor, {{tr("Minor"), double(k.minor)}, {tr("Major"), double(k.major)}});
}

QStringList BreakdownPanel::categories(const QString& chart) const
{
    for (const Bars* b : {&m_types, &m_namespaces})
        if (b->id == chart)
            return b->categories->categories();
    return {};
}

QList<double> BreakdownPanel::values(const QString& chart) const
{
    for (const Bars* b : {&m_types, &m_namespaces})
        if (b->id == chart) {
            QList<double> out;
            for (int i = 0; i < b->set->count(); ++i)
                out << b->set->at(i);
            return out;
        }
    return {};
}

} // namespace wt::ui
