"""The projects of the development plan in site-wide search (registered by plans.apps when the app is ready)."""

from django.apps import apps

from core.searchable import Document, SearchKind, register


def register_kinds():
    register(_plan_project())


def _plan_project():
    Project = apps.get_model("plans", "Project")

    def document(project):
        strategy = project.strategy
        return Document(
            title=project.name,
            text=" ".join(
                [
                    str(strategy),
                    project.location,
                    project.village_label,
                    project.objective,
                    project.target,
                    project.expected_result,
                    strategy.plan.title,
                ]
            ),
            url=project.get_absolute_url(),
            date=project.updated_at,
        )

    return SearchKind(
        kind="plan_project",
        label="โครงการในแผนพัฒนา",
        model="plans.Project",
        document=document,
        dependents={
            "plans.Strategy": lambda strategy: strategy.projects.all(),
            "plans.Plan": lambda plan: Project.objects.filter(strategy__plan=plan),
        },
    )
