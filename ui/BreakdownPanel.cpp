#include "BreakdownPanel.h"

#include <QEvent>
#include <QGridLayout>
#include <algorithm>

#include "BarListWidget.h"
#include "ChartLooks.h"
#include "event/EditEvent.h"

namespace wt::ui {

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
    const int gap = fontMetrics().height() / 2;
    grid->setContentsMargins(gap, gap, gap, gap);
    grid->setSpacing(gap);
    m_ids = {QStringLiteral("types"), QStringLiteral("namespaces"), QStringLiteral("editors"), QStringLiteral("minor")};
    const QStringList titles = {tr("Action types"), tr("Namespaces"), tr("Editors"), tr("Minor vs major edits")};
    for (int i = 0; i < m_ids.size(); ++i) {
        auto* l = new BarListWidget(titles[i], this);
        l->setObjectName(QStringLiteral("breakdown_") + m_ids[i]);
        m_lists << l;
    }
    relayout();
}

BarListWidget* BreakdownPanel::list(const QString& id) const
{
    const qsizetype i = m_ids.indexOf(id);
    return i < 0 ? nullptr : m_lists[i];
}

void BreakdownPanel::relayout()
{
    // One row along a wide dock, two by two otherwise. Never one column: a tabbed-away dock is
    // briefly squeezed, and four stacked lists would raise the window's minimum height.
    const int em = fontMetrics().height();
    const int columns = width() / (em * 17) >= 4 ? 4 : 2;
    if (columns == m_columns)
        return;
    m_columns = columns;
    auto* grid = static_cast<QGridLayout*>(layout());
    for (QWidget* w : std::as_const(m_lists))
        grid->removeWidget(w);
    for (int i = 0; i < m_lists.size(); ++i)
        grid->addWidget(m_lists[i], i / columns, i % columns, Qt::AlignTop);
    grid->setRowStretch((int(m_lists.size()) - 1) / columns + 1, 1);
}

void BreakdownPanel::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    relayout();
}

void BreakdownPanel::changeEvent(QEvent* event)
{
    // Colours come from the palette at each snapshot; repaint now so a theme switch shows at once.
    if (event->type() == QEvent::PaletteChange)
        update();
    QWidget::changeEvent(event);
}

void BreakdownPanel::showSnapshot(const analytics::DashboardSnapshot& s)
{
    const QPalette pal = palette();
    QList<BarListWidget::Bar> types;
    for (std::size_t t = 0; t < s.byType.size(); ++t)
        if (s.byType[t] > 0 || t < 4) // edit, new, log, categorize always; the rare ones when seen
            types.push_back({QString::fromLatin1(event::editTypeName(event::EditType(t))), double(s.byType[t]), looks::humans(pal)});
    list(QStringLiteral("types"))->setBars(types);

    QList<BarListWidget::Bar> namespaces;
    const std::size_t shown = std::min<std::size_t>(s.byNamespace.size(), 6);
    for (std::size_t i = 0; i < shown; ++i)
        namespaces.push_back({namespaceName(s.byNamespace[i].ns), double(s.byNamespace[i].events), looks::humans(pal)});
    std::uint64_t rest = 0;
    for (std::size_t i = shown; i < s.byNamespace.size(); ++i)
        rest += s.byNamespace[i].events;
    if (rest > 0)
        namespaces.push_back({tr("other"), double(rest), looks::neutral(pal)});
    list(QStringLiteral("namespaces"))->setBars(namespaces);

    const auto& k = s.kpis;
    list(QStringLiteral("editors"))->setBars({{tr("Bots"), double(k.bots), looks::bots(pal)},
                                               {tr("Anonymous"), double(k.anonymous), looks::removals(pal)},
                                               {tr("Temporary"), double(k.temporary), looks::neutral(pal)},
                                               {tr("Registered"), double(k.registered), looks::humans(pal)}});
    list(QStringLiteral("minor"))->setBars({{tr("Minor"), double(k.minor), looks::neutral(pal)},
                                             {tr("Major"), double(k.major), looks::humans(pal)}});
}

QStringList BreakdownPanel::categories(const QString& id) const
{
    const BarListWidget* l = list(id);
    return l ? l->labels() : QStringList();
}

QList<double> BreakdownPanel::values(const QString& id) const
{
    const BarListWidget* l = list(id);
    return l ? l->values() : QList<double>();
}

} // namespace wt::ui
