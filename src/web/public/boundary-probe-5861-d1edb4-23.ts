import '../admin/forms.js'
