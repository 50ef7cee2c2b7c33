"""Reference solutions (must score 1) and negative controls (must score 0) for TopWork.

Targets are named by role and accessible name only; every call builds fresh objects.
"""

from __future__ import annotations

from halo_cli.sites import reference as R
from halo_cli.sites.reference import Solution, Step

BACKEND_JOB = "Backend API Developer for E-commerce Platform"
ML_JOB = "Machine Learning Engineer for Product Recommendations"
REACT_JOB = "React Front-End Developer for Marketing Website"
DEFAULT_INVITE = None  # keep the prefilled invitation text


def _find(query: str, availability: str | None = None) -> list[Step]:
    return [R.click("link", "Find talent"), R.fill("textbox", "Search freelancers", query),
            *R.fill_form(("select", "combobox", "Availability", availability)),
            R.click("button", "Search", exact=True)]


def _invite(name: str, job: str, message: str | None = DEFAULT_INVITE) -> list[Step]:
    return [R.click("link", name, exact=True), R.click("link", "Invite to job"),
            R.select("combobox", "Job", job), *R.fill_form(("fill", "textbox", "Message", message)),
            R.click("button", "Send invitation")]


def _offer(title: str, message: str, submit: bool = True) -> list[Step]:
    steps = [R.fill("textbox", "Contract title", title), R.fill("textbox", "Message to", message)]
    return [*steps, R.click("button", "Send offer")] if submit else steps


def _reply(name: str, text: str) -> list[Step]:
    return [R.click("link", name), R.fill("textbox", f"Message {name}", text),
            R.click("button", "Send", exact=True)]


def _post_job(title: str, description: str, category: str, lo: str, hi: str, size: str,
              hire: str, *, level: str | None = None, draft: bool = False) -> list[Step]:
    steps = [R.click("link", "Post a job"), R.fill("textbox", "Job title", title),
             R.fill("textbox", "Description", description),
             R.select("combobox", "Category", category),
             R.fill("spinbutton", "Hourly rate from", lo),
             R.fill("spinbutton", "Hourly rate to", hi), R.check("radio", size)]
    if level:
        steps.append(R.check("radio", level))
    steps.append(R.click("radio", hire, exact=True))
    return [*steps, R.click("button", "Save as draft" if draft else "Post job")]


FITNESS = ("Hi Ashley! I'm building a fitness app and I'd like to invite you to my job. "
           "Would you be interested in building this fitness app with me?")
ANNOTATOR_DESC = ("Verita AI is looking for a data annotator to label text and image data for "
                  "our models. Short-term contract, clear guidelines provided.")
ANALYST_DESC = ("We need a financial analyst to build our budget model, track monthly "
                "spending and prepare forecasts for the leadership team.")


def solutions() -> list[Solution]:
    return [
        Solution("topwork-2", [*_find("backend"), *_invite("Ashley Campbell", BACKEND_JOB,
                                                           FITNESS), R.send()]),
        Solution("topwork-3", [*_find("python", "Looking for work"),
                               *_invite("Ravi Sharma", ML_JOB), R.send()]),
        Solution("topwork-4", [*_find("full stack"), *_invite("Brandon Martinez", REACT_JOB),
                               R.send()]),
        Solution("topwork-7", [R.click("link", "Messages"), R.click("link", "David Kim"),
                               R.click("link", "Hire David Kim"),
                               *_offer("iOS Onboarding Screens",
                                       "Hi David, I'd love to hire you for the onboarding "
                                       "screens. The first milestone is the sign-up flow."),
                               R.send()]),
        Solution("topwork-8", [R.click("link", "My jobs"),
                               R.click("button", "Remove job post: Senior Data Analyst"),
                               R.click("button", "Remove job post: Machine Learning Engineer"),
                               R.click("button", "Remove job post: Data Visualization"),
                               R.send()]),
        Solution("topwork-9", [*_post_job("Financial Analyst", ANALYST_DESC,
                                          "Accounting & Consulting", "45", "65", "Medium", "Yes",
                                          level="Intermediate"), R.send()]),
        Solution("topwork-10", [R.click("link", "Messages"),
                                *_reply("Alex Rodriguez", "Hi Alex, congrats on your first "
                                        "contract! I'm open to help you get set up; let's go "
                                        "through the workroom together."), R.send()]),
        Solution("topwork-11", [R.click("link", "My hires"), R.click("link", "Rehire Priya Patel"),
                                *_offer("Project Lead", "Hi Priya, would you lead our next "
                                        "brand project?"), R.send()]),
        Solution("topwork-12", [R.click("link", "Messages"),
                                *_reply("Alex Rodriguez", "Sure, I'll walk you through the "
                                        "workroom tomorrow morning."),
                                *_reply("Emily Watson", "Please send the first drafts by "
                                        "tomorrow."),
                                *_reply("David Kim", "The first milestone is due tomorrow."),
                                *_reply("James Wilson", "Thanks James, I'll review the "
                                        "keyword report."), R.send()]),
        Solution("topwork-13", [*_post_job("Data Annotator", ANNOTATOR_DESC, "Admin Support",
                                           "20", "25", "Small", "No"), R.send()]),
        Solution("topwork-14", [*_find("Ashley"), R.click("button", "Save Ashley Campbell"),
                                *_find("Brandon"), R.click("button", "Save Brandon Martinez"),
                                R.send()]),
        Solution("topwork-21", [*_find("full stack"),
                                R.click("link", "Brandon Martinez", exact=True),
                                R.click("link", "Message", exact=True),
                                R.fill("textbox", "Message", "Hi Brandon, are you free for a "
                                       "quick call this week about a new project?"),
                                R.click("button", "Send message"), R.send()]),
    ]


def negatives() -> list[Solution]:
    """Plausible wrong runs the real scripts must score 0."""
    neg = "negative"
    return [
        Solution("topwork-2", [*_find("backend"), *_invite("Ashley Campbell", BACKEND_JOB),
                               R.send()], kind=neg, label="invite-without-fitness-app"),
        Solution("topwork-3", [*_find("designer", "Looking for work"),
                               *_invite("Chloe Martin", REACT_JOB), R.send()],
                 kind=neg, label="designer-invited"),
        Solution("topwork-4", [*_find("backend"), *_invite("Kevin Brooks", BACKEND_JOB),
                               R.send()], kind=neg, label="backend-not-full-stack"),
        Solution("topwork-4", [*_find("full stack"), *_invite("Brandon Martinez", REACT_JOB),
                               *_find("full stack"), *_invite("Daniel Nguyen", REACT_JOB),
                               R.send()], kind=neg, label="two-invites"),
        Solution("topwork-7", [R.click("link", "Messages"), R.click("link", "David Kim"),
                               R.click("link", "Hire David Kim"),
                               *_offer("iOS Onboarding Screens", "Hi David!", submit=False),
                               R.send()], kind=neg, label="offer-not-sent"),
        Solution("topwork-8", [R.click("link", "My jobs"),
                               R.click("button", "Remove job post: Brand Identity Designer"),
                               R.send()], kind=neg, label="removed-design-job"),
        Solution("topwork-9", [*_post_job("Financial Analyst", ANALYST_DESC,
                                          "Accounting & Consulting", "45", "65", "Medium", "Yes",
                                          draft=True), R.send()], kind=neg, label="draft"),
        Solution("topwork-10", [R.click("link", "Messages"),
                                *_reply("Alex Rodriguez", "Happy to help with your setup."),
                                R.send()], kind=neg, label="no-get-set-up"),
        Solution("topwork-11", [R.click("link", "My hires"), R.click("link", "Rehire Priya Patel"),
                                *_offer("Project Manager", "Hi Priya!"), R.send()],
                 kind=neg, label="project-manager"),
        Solution("topwork-12", [R.click("link", "Messages"),
                                *_reply("Emily Watson", "Next week is fine."),
                                *_reply("David Kim", "End of the month."), R.send()],
                 kind=neg, label="no-tomorrow"),
        Solution("topwork-13", [*_post_job("Data Annotator", ANNOTATOR_DESC, "Admin Support",
                                           "20", "25", "Medium", "No"), R.send()],
                 kind=neg, label="medium-size"),
        Solution("topwork-14", [*_find("Ashley"), R.click("button", "Save Ashley Campbell"),
                                R.send()], kind=neg, label="only-ashley"),
        Solution("topwork-21", [*_find("full stack"),
                                R.click("link", "Brandon Martinez", exact=True),
                                R.click("link", "Message", exact=True),
                                R.fill("textbox", "Message", "Hi Brandon, I liked your profile."),
                                R.click("button", "Send message"), R.send()],
                 kind=neg, label="no-availability-question"),
    ]
