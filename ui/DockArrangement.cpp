#include "DockArrangement.h"

#include <QDockWidget>
#include <QMainWindow>
#include <QTabBar>
#include <algorithm>

namespace wt::ui {

DockArrangement::DockArrangement(QMainWindow* window) : m_window(window)
{
    // The top row spans the whole width; the right column runs down to the status bar, so the
    // bottom area is only as wide as the battlefield above it.
    window->setCorner(Qt::TopLeftCorner, Qt::TopDockWidgetArea);
    window->setCorner(Qt::TopRightCorner, Qt::TopDockWidgetArea);
    window->setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    window->setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    window->setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks |
                           QMainWindow::AllowNestedDocks);
    window->setTabPosition(Qt::AllDockWidgetAreas, QTabWidget::North);
}

QDockWidget* DockArrangement::add(QWidget* panel, const QString& name, const QString& title, Place place)
{
    auto* dock = new QDockWidget(title, m_window);
    dock->setObjectName(name);
    dock->setWidget(panel);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                      QDockWidget::DockWidgetClosable);
    m_docks.append(dock);
    m_byName.insert(name, dock);
    m_places.insert(dock, place);
    return dock;
}

void DockArrangement::arrange()
{
    QDockWidget* right = nullptr;
    QDockWidget* firstTab = nullptr;
    for (QDockWidget* dock : std::as_const(m_docks)) {
        dock->setFloating(false);
        switch (m_places.value(dock)) {
        case Place::Top:
            m_window->addDockWidget(Qt::TopDockWidgetArea, dock);
            break;
        case Place::BelowCentre:
            m_window->addDockWidget(Qt::BottomDockWidgetArea, dock);
            break;
        case Place::Right:
            m_window->addDockWidget(Qt::RightDockWidgetArea, dock);
            right = right ? right : dock;
            break;
        case Place::RightTabs:
            if (!firstTab) {
                m_window->addDockWidget(Qt::RightDockWidgetArea, dock);
                if (right)
                    m_window->splitDockWidget(right, dock, Qt::Vertical);
                firstTab = dock;
            } else {
                m_window->tabifyDockWidget(firstTab, dock);
            }
            break;
        }
        dock->show();
    }
    if (firstTab)
        firstTab->raise(); // the first secondary view is the one shown
}

void DockArrangement::applyDefaultSizes()
{
    const int w = m_window->width();
    const int h = m_window->height();
    QList<QDockWidget*> right, below, tabs;
    for (QDockWidget* dock : std::as_const(m_docks)) {
        if (dock->isFloating() || dock->isHidden())
            continue;
        switch (m_places.value(dock)) {
        case Place::Right: right << dock; break;
        case Place::BelowCentre: below << dock; break;
        case Place::RightTabs: tabs << dock; break;
        case Place::Top: break;
        }
    }
    // A third of the width for the right column, never less than a readable table.
    const int em = m_window->fontMetrics().height();
    const int rightWidth = std::max(em * 26, w * 36 / 100);
    if (!right.isEmpty())
        m_window->resizeDocks({right.first()}, {rightWidth}, Qt::Horizontal);
    else if (!tabs.isEmpty())
        m_window->resizeDocks({tabs.first()}, {rightWidth}, Qt::Horizontal);
    // Below the battlefield: the traffic gets two fifths of what is left under the figures.
    if (!below.isEmpty())
        m_window->resizeDocks({below.first()}, {std::max(em * 12, h * 30 / 100)}, Qt::Vertical);
    if (!right.isEmpty() && !tabs.isEmpty())
        m_window->resizeDocks({right.first(), tabs.first()}, {h * 11 / 20, h * 9 / 20}, Qt::Vertical);
}

} // namespace wt::ui
