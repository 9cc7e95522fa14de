"""帮助 in the header: the part of the guide written for the user's role, opened at the section
about the page the user is on. The one table of which page each section explains."""

from urllib.parse import quote

from django.urls import reverse

from congress.roles import Role

PART_OF_ROLE = {
    Role.STAFF: "staff",
    Role.MEMBER: "member",
    Role.DEPUTY: "deputy",
    Role.UNIT: "unit",
    Role.COUNTY: "county",
    Role.COUNTY_ADMIN: "county_admin",
}

COMMON = "common"
# part -> {URL name, or a namespace for the rest of its pages: the anchor of the section (a
# heading's id: its own text, as congress.guide.selectors makes it)}. A page found neither in
# its role's part nor in the part everyone reads (COMMON) opens the role's part at the top;
# congress/tests/test_guide.py checks every name is a URL and every anchor a heading.
SECTIONS: dict[str, dict[str, str]] = {
    # The pages every role has, explained once in the part everyone reads.
    COMMON: {
        "notification_list": "查看通知",
        "profile": "设置邮件提醒",
        "password_change": "修改密码",
        "password_change_done": "第一次登录设置自己的密码",
        "calendar": "查看日程",
        "guide": "使用帮助",
    },
    "staff": {
        "home": "处理首页的待办事项",
        "sessions": "人代会",
        "sessions:create": "登记一次人代会会议",
        "sessions:edit": "登记一次人代会会议",
        "sessions:move": "宣布开幕闭幕",
        "sessions:presidium": "做好会议筹备",
        "sessions:activities": "做好会议筹备",
        "sessions:task_add": "做好会议筹备",
        "sessions:sitting_roll": "全体会议点名",
        "sessions:agenda_edit": "添加议程和会议文件",
        "sessions:resolution_add": "登记决议决定的表决结果",
        "sessions:resolution_edit": "登记决议决定的表决结果",
        "sessions:election_add": "登记选举和计票结果",
        "sessions:election": "登记选举和计票结果",
        "sessions:election_edit": "登记选举和计票结果",
        "sessions:term_start": "换届开始新一届",
        "deputies": "代表",
        "deputies:create": "新增一名代表",
        "deputies:detail": "修改代表信息",
        "deputies:edit": "修改代表信息",
        "deputies:mandate_add": "修改代表信息",
        "deputies:mandate_edit": "登记代表辞职罢免或终止",
        "deputies:composition": "筛选名册查看代表结构",
        "deputies:constituencies": "建立选区和代表小组",
        "deputies:constituency_edit": "建立选区和代表小组",
        "deputies:groups": "建立选区和代表小组",
        "deputies:group_edit": "建立选区和代表小组",
        "deputies:import": "从excel导入名册",
        "deputies:import_preview": "从excel导入名册",
        "deputies:activities": "登记代表活动",
        "deputies:activity_create": "登记代表活动",
        "deputies:activity_detail": "登记代表活动",
        "deputies:activity_edit": "登记代表活动",
        "deputies:activity_attendance": "登记代表活动",
        "deputies:liaison_contacts": "查看主席团成员联系代表",
        "deputies:reports_to_voters": "登记述职评议",
        "deputies:ranking": "查看履职档案和排名",
        "deputies:performance_rules": "设置积分规则",
        "deputies:accounts_create": "为代表开设账号",
        "deputies:account_create": "为代表开设账号",
        "proposals": "议案建议",
        "proposals:list": "查看待办和筛选",
        "proposals:queues": "查看待办和筛选",
        "proposals:create": "录入纸质议案建议",
        "proposals:merge": "并案",
        "proposals:split": "拆分",
        "proposals:meetings": "召开交办会",
        "proposals:meeting": "召开交办会",
        "proposals:meeting_edit": "召开交办会",
        "proposals:extension_decide": "审批延期申请",
        "proposals:stats": "查看议案建议统计",
        "proposals:fields": "设置领域和答复分类",
        "proposals:field_edit": "设置领域和答复分类",
        "proposals:answer_categories": "设置领域和答复分类",
        "proposals:answer_category_edit": "设置领域和答复分类",
        "proposals:workdays": "标注工作日",
        "oversight": "监督工作",
        "oversight:list": "登记一次监督活动",
        "oversight:create": "登记一次监督活动",
        "oversight:detail": "登记一次监督活动",
        "oversight:edit": "登记一次监督活动",
        "oversight:attendance": "登记一次监督活动",
        "oversight:tasks": "登记政府工作任务和督查情况",
        "oversight:task_create": "登记政府工作任务和督查情况",
        "oversight:task_detail": "登记政府工作任务和督查情况",
        "oversight:task_edit": "登记政府工作任务和督查情况",
        "oversight:review_add": "登记政府工作任务和督查情况",
        "oversight:campaigns": "组织主题活动",
        "oversight:campaign_create": "组织主题活动",
        "oversight:campaign_detail": "组织主题活动",
        "oversight:campaign_edit": "组织主题活动",
        "oversight:problem_add": "登记发现的问题",
        "oversight:problem_edit": "登记发现的问题",
        "oversight:problems": "查找问题",
        "oversight:problem_detail": "核实整改销号或退回",
        "oversight:problems_to_agenda": "把未销号问题提请人代会审议",
        "oversight:evaluations": "开展工作评议",
        "oversight:evaluation_start": "开展工作评议",
        "oversight:evaluation_detail": "开展工作评议",
        "oversight:evaluation_edit": "开展工作评议",
        "oversight:evaluation_ratings": "开展工作评议",
        "oversight:elections": "登记换届选举监督",
        "oversight:election_create": "登记换届选举监督",
        "oversight:election_edit": "登记换届选举监督",
        "petitions": "信访",
        "petitions:create": "登记信访事项",
        "petitions:detail": "受理答复和办结信访事项",
        "petitions:edit": "受理答复和办结信访事项",
        "petitions:policy": "修改信访办理期限",
        "publicity": "登记宣传投稿",
        "oversight:plan": "编写工作思路",
        "oversight:plan_item_create": "编写工作思路",
        "oversight:plan_item_edit": "编写工作思路",
        "reports": "年度工作报告",
        "reports:create": "生成年度工作报告",
        "reports:version_edit": "编辑报告草稿",
        "reports:section_add": "编辑报告草稿",
        "reports:section_edit": "编辑报告草稿",
        "reports:section_delete": "编辑报告草稿",
        "reports:render": "生成和下载pdf",
        "township": "账号",
        "township:account_create": "为主席团成员或承办单位人员开设账号",
        "township:account_password": "重发初始密码",
        "township:account_active": "停用和重新启用账号",
        "township:units": "添加承办单位",
        "township:unit_edit": "添加承办单位",
        "slips": "为主席团成员或承办单位人员开设账号",
        "auth_events": "查看登录日志解除锁定",
        "locked_logins": "查看登录日志解除锁定",
    },
    "member": {
        "home": "查看首页的待办事项",
        "sessions": "查阅人代会会议",
        "deputies": "查阅代表名册",
        "deputies:liaison_contacts": "登记联系代表情况",
        "proposals": "查阅议案建议和统计",
        "oversight": "查阅监督活动",
        "oversight:problems": "核实整改并销号",
        "oversight:problem_detail": "核实整改并销号",
        "reports": "审议年度工作报告",
    },
    "deputy": {
        "home": "查看我的代表页面",
        "deputies:me": "查看我的代表页面",
        "deputies:me_edit": "修改我的电话和住址",
        "deputies:me_voter_contact": "登记联系选民",
        "deputies:activity_detail": "查看人代会和监督活动",
        "proposals": "写一件议案建议并提交",
        "proposals:from_voter_contact": "把选民意见转为建议",
        "proposals:invite": "邀请代表联名",
        "proposals:cosign": "确认或谢绝联名",
        "proposals:mine": "查看我的议案建议",
        "sessions": "查看人代会和监督活动",
        "oversight": "查看人代会和监督活动",
    },
    "unit": {
        "home": "查看本单位的待办事项",
        "proposals": "查看本单位承办件",
        "proposals:detail": "答复一件建议",
        "proposals:counit_opinion": "协办单位提出协办意见",
        "proposals:extension_request": "申请延期",
        "oversight": "整改监督中发现的问题",
        "oversight:evaluations": "答复工作评议",
        "oversight:evaluation_detail": "答复工作评议",
        "oversight:evaluation_respond": "答复工作评议",
    },
    "county": {
        "home": "阅读各乡镇的定稿报告",
        "reports": "阅读各乡镇的定稿报告",
    },
    "county_admin": {
        "home": "查看乡镇和人大办账号",
        "county": "查看乡镇和人大办账号",
        "county:township_create": "新建一个乡镇",
        "county:staff_create": "为乡镇增加一个人大办账号",
        "county:staff_password": "为人大办工作人员重发初始密码",
        "county:staff_active": "停用或重新启用人大办账号",
        "county:staff_permissions": "授予或收回查看信访人身份信息",
    },
}


def help_url(*, user, view_name: str) -> str:
    """The guide's part for the user's role, at the section about `view_name` if it has one."""
    part = PART_OF_ROLE.get(getattr(user, "role", ""))
    if part is None:
        return reverse("guide:index")
    namespace = view_name.rpartition(":")[0]
    for where in (part, COMMON):
        sections = SECTIONS[where]
        anchor = sections.get(view_name) or sections.get(namespace)
        if anchor:
            return "{}#{}".format(reverse("guide:part", args=[where]), quote(anchor))
    return reverse("guide:part", args=[part])
